"""Qt widgets, item models and dialogs; they call services, never SQL."""
