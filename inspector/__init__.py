"""Inspector: work-plan checklists, site inspections, findings and their close-out for town safety officers."""

__version__ = "0.1.0"
