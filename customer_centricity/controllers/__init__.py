from . import main
from . import survey
