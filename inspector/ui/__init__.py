"""Qt widgets, item models and dialogs; they call services, never SQL.

The services (and sqlite-utils under them) and the log's handlers are imported here, before anything imports
PySide6: once PySide6 is loaded, its import hook reads the source of every module imported after it (to see
whether it uses Qt's ``__feature__`` switches), which made start-up about a tenth of a second slower on a plain
laptop (and :func:`inspector.ui.qtfix.skip_feature_scan` stops it for the modules of the window). The cycle
collector is paused meanwhile and what the imports made is then frozen: it lives as long as
the program, and collecting it again and again was about a twentieth of start-up. Then the guard of
:mod:`inspector.ui.qtfix` runs before any widget can emit a signal.
"""

import gc

gc.disable()
import inspector.logs  # noqa: E402
import inspector.services  # noqa: E402, F401  (both imported first on purpose, see above)
from inspector.ui.qtfix import guard_signal_refcounts, skip_feature_scan  # noqa: E402

skip_feature_scan()  # before the modules of the window are imported
gc.freeze()
gc.enable()
guard_signal_refcounts()
