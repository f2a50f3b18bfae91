from . import main
from . import outreach
from . import survey
