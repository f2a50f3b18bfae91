"""The ccx commands: each ``cmd_*`` takes a Context and returns the exit code."""

from ccx.commands.board import cmd_initiatives
from ccx.commands.contacts import cmd_contact_import, cmd_contact_log, cmd_not_contacted
from ccx.commands.history import cmd_history_import
from ccx.commands.offline import cmd_clv_offline
from ccx.commands.value import cmd_clv_card, cmd_clv_recompute, cmd_clv_top
from ccx.commands.whoami import cmd_whoami
