from . import main
from . import outreach
from . import survey
from . import outreach_image
