"""The ccx commands: each ``cmd_*`` takes a Context and returns the exit code."""

from ccx.commands.board import cmd_initiatives
from ccx.commands.contacts import cmd_contact_import, cmd_contact_log, cmd_not_contacted
from ccx.commands.goals import cmd_goals
from ccx.commands.history import cmd_feedback_import, cmd_history_import
from ccx.commands.kpis import cmd_kpis
from ccx.commands.mailtest import cmd_mailtest
from ccx.commands.offline import cmd_clv_offline
from ccx.commands.outreach import (
    cmd_campaign_create,
    cmd_campaign_export,
    cmd_campaign_import_notes,
    cmd_campaign_list,
    cmd_campaign_prepare,
    cmd_campaign_ready,
    cmd_campaign_show,
)
from ccx.commands.value import cmd_clv_card, cmd_clv_recompute, cmd_clv_top
from ccx.commands.whoami import cmd_whoami
