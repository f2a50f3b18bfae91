"""Load the addon's statistics core customer_centricity/lib/clv.py by path.

The toolkit vendors nothing: it runs the very code the addon runs. The file
is looked up at ``CCX_CLV_PATH`` if set, else next to the toolkit in the
repository checkout (``<repo>/customer_centricity/lib/clv.py``).
"""

import importlib.util
import os
import sys
from pathlib import Path

from ccx.errors import CcxError

MODULE_NAME = "ccx_customer_centricity_clv"


def default_clv_path():
    # <repo>/toolkit/ccx/clvlib.py -> <repo>/customer_centricity/lib/clv.py
    return (
        Path(__file__).resolve().parents[2] / "customer_centricity" / "lib" / "clv.py"
    )


def load_clv(env=None):
    """The clv module, or CcxError with what to do."""
    env = os.environ if env is None else env
    path = Path(env["CCX_CLV_PATH"]) if env.get("CCX_CLV_PATH") else default_clv_path()
    cached = sys.modules.get(MODULE_NAME)
    if cached is not None and getattr(cached, "__file__", None) == str(path):
        return cached
    if not path.is_file():
        raise CcxError(
            f"the offline CLV needs customer_centricity/lib/clv.py from the "
            f"repository checkout; it is not at {path} (install the toolkit with "
            "pip install -e toolkit from the checkout, or set CCX_CLV_PATH)"
        )
    spec = importlib.util.spec_from_file_location(MODULE_NAME, path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except ImportError as error:
        raise CcxError(
            f"the offline CLV needs numpy and scipy ({error.name or error} is "
            "missing): pip install 'customer-centricity-toolkit[clv]'"
        ) from None
    sys.modules[MODULE_NAME] = module
    return module
