# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import random
from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models

from ..lib.quarter import quarter_of

SHOP_TZ = pytz.timezone("Europe/Vienna")
DEMO = "customer_centricity."

# The purchases of the named customers K0001-K0040 (demo/res_partner_demo.xml):
# first and last purchase in days before today, days between purchases, basket.
PURCHASES = {
    # top customers: years of regular purchases, the last one lately
    "K0001": (1060, 12, 36, 1650),  # Helene Huber
    "K0002": (1080, 20, 45, 2900),  # Friedrich Wallner, collects watches
    "K0003": (990, 9, 40, 2100),  # Elisabeth Hofer
    "K0004": (1020, 16, 42, 2300),  # Maximilian Auer
    "K0005": (950, 6, 38, 1900),  # Sophie Brunner
    "K0006": (870, 24, 40, 2000),  # Katrin Wimmer
    "K0009": (1040, 18, 40, 2200),  # Andreas Pichler
    "K0010": (980, 27, 44, 2100),  # Claudia Eder
    # loyal: every two or three months
    "K0007": (800, 34, 70, 1250),  # Josef Huber
    "K0008": (920, 21, 75, 1350),  # Theresa Moser
    "K0035": (860, 40, 80, 1200),  # Sabine Krenn
    "K0036": (1000, 15, 70, 1300),  # Walter Hafner
    "K0037": (940, 28, 65, 1400),  # Veronika Ebner
    # slipping: were among the best, nothing bought for eight to twelve months
    "K0011": (1090, 270, 45, 3400),  # Gerhard Lang
    "K0012": (1070, 300, 140, 6500),  # Ingrid Schwarz
    "K0013": (1050, 265, 70, 3900),  # Wolfgang Mayr
    "K0014": (1000, 250, 34, 2000),  # Renate Fischer
    # new this quarter
    "K0015": (24, 24, 30, 4900),  # Lena Wagner, engagement ring
    "K0016": (75, 11, 55, 890),  # Paul Leitner
    "K0017": (45, 45, 30, 650),  # Julia Schuster
    "K0039": (80, 19, 60, 1200),  # Ursula Kraus
    "K0040": (33, 33, 30, 2400),  # Daniel Posch
    # regular: two or three times a year
    "K0018": (760, 95, 130, 640),  # Franz Gruber
    "K0019": (820, 110, 140, 520),  # Maria Steiner
    "K0020": (900, 60, 120, 780),  # Karl Bauer
    "K0021": (700, 38, 150, 690),  # Monika Schmid
    "K0022": (980, 75, 125, 820),  # Herbert Wolf
    "K0023": (650, 52, 135, 560),  # Brigitte Aigner
    "K0024": (880, 101, 140, 740),  # Martin Holzer
    "K0025": (790, 29, 110, 610),  # Susanne Lehner
    "K0026": (1010, 84, 130, 880),  # Peter Egger
    "K0033": (930, 47, 120, 700),  # Hannelore Zach
    "K0034": (720, 66, 145, 590),  # Georg Stadler
    # occasional: a gift now and then
    "K0027": (900, 160, 330, 380),  # Gabriele Resch
    "K0028": (760, 210, 280, 450),  # Michael Haider
    "K0029": (1000, 140, 360, 520),  # Johanna Riegler
    "K0030": (640, 185, 300, 330),  # Christian Grabner
    "K0031": (980, 240, 370, 410),  # Barbara Lindinger
    "K0032": (850, 130, 350, 290),  # Robert Kogler
    "K0038": (700, 280, 300, 360),  # Johann Plank
}

# The contact log of the named customers: last contact in days before today
# (None: never) and days between contacts over the last year.
CONTACTS = {
    "K0001": (5, 35),
    "K0002": (12, 40),  # the feedback round (demo XML) is the last one
    "K0003": (8, 45),
    "K0004": (3, 40),  # the answered review (demo XML) is the last one
    "K0005": (19, 50),
    "K0006": (27, 45),
    "K0007": (41, 80),
    "K0008": (15, 90),
    "K0009": (155, 70),  # a top customer Jonas has not called since spring
    "K0010": (128, 90),  # a top customer nobody in Wien visited since
    "K0011": (205, 0),  # slipping, last seen at a watch evening
    "K0012": (None, 0),  # slipping, never contacted
    "K0013": (232, 0),  # slipping, last talked to in spring
    "K0014": (290, 0),  # slipping, one call last year
    "K0015": (21, 0),  # new: a welcome call after the first purchase
    "K0016": (9, 0),
    "K0017": (43, 0),
    "K0018": (64, 150),
    "K0019": (108, 0),
    "K0020": (57, 0),
    "K0021": (36, 160),
    "K0023": (50, 0),
    "K0025": (27, 120),
    "K0033": (45, 0),
    "K0035": (33, 90),
    "K0036": (13, 75),
    "K0037": (26, 60),
    "K0039": (17, 0),
    "K0040": (31, 0),
}
# Whole customer days of the managers: (user, customers taking turns, every
# how many months), over the last eleven months.
CUSTOMER_DAYS = [
    ("user_manager_anna_demo", ["K0001", "K0002", "K0004", "K0006", "K0037"], 1),
    ("user_manager_jonas_demo", ["K0003", "K0005", "K0036"], 2),
    ("user_staff_melanie_demo", ["K0006", "K0004", "K0025"], 3),
]
CONTACT_KINDS = ["visit", "visit", "call", "call", "video_call", "event"]
DURATIONS = {"visit": 1.0, "call": 0.25, "video_call": 0.5, "event": 2.0}
NEEDS = [
    "Eine Uhr, die zum Ehering passt.",
    "Den Service erledigt wissen, ohne zweimal ins Geschäft zu kommen.",
    "Bescheid bekommen, sobald die limitierte Edition eintrifft.",
    "Ein Ersatzband in Cognacbraun.",
    "Die Gravur rechtzeitig zum Hochzeitstag.",
    "Einen ehrlichen Rat, ob sich die Reparatur noch lohnt.",
    "In Ruhe anprobieren, gern nach Ladenschluss.",
    "Die Ringgröße anpassen, ohne den Ring wegzuschicken.",
    "Ein Geschenk für die Tochter zur Matura, bis 500 Euro.",
    "Die alte Taschenuhr des Großvaters wieder zum Laufen bringen.",
]
# Feedback of named customers: (ref, days ago, NPS, CSAT, CES, comment)
FEEDBACK = [
    ("K0001", 20, 10, 5, 6, "Frau Berger kennt meinen Geschmack besser als ich."),
    ("K0001", 190, 9, 5, 6, False),
    ("K0002", 10, 9, 5, 5, "Die Feedback-Runde mit der Werkstatt war eine gute Idee."),
    ("K0003", 40, 10, 5, 7, False),
    ("K0004", 5, 6, 3, 4, "Das Ersatzband hat drei Wochen gedauert."),
    ("K0005", 60, 9, 5, 6, False),
    ("K0006", 100, 10, 5, 6, "Die Samen haben geblüht!"),
    ("K0007", 75, 8, 4, 5, False),
    ("K0008", 30, 9, 4, 6, False),
    ("K0009", 160, 8, 4, 5, False),
    ("K0010", 130, 7, 4, 5, "Seit dem Umbau finde ich niemanden, der mich kennt."),
    ("K0011", 310, 3, 2, 2, "Die Reparatur meiner Uhr hat sechs Wochen gedauert."),
    ("K0012", 340, 5, 3, 3, "Niemand hat sich gemeldet, als die Uhr fertig war."),
    ("K0013", 280, 4, 2, 3, "Die Gravur war falsch geschrieben."),
    ("K0015", 22, 10, 5, 7, "Der Verlobungsring war perfekt beraten."),
    ("K0018", 95, 8, 4, 5, False),
    ("K0019", 112, 9, 5, 6, False),
    ("K0036", 16, 10, 5, 6, False),
    ("K0037", 27, 9, 5, 6, False),
]
# The mail test: messages per month and how many of them go to customers,
# for the last six months (the last month first).
MAILS = {
    "user_manager_anna_demo": [(12, 4), (11, 4), (13, 5), (10, 3), (12, 4), (9, 3)],
    "user_manager_jonas_demo": [(17, 0), (15, 1), (16, 1), (14, 2), (15, 1), (13, 1)],
    "user_staff_melanie_demo": [(8, 4), (7, 3), (9, 5), (6, 3), (8, 4), (7, 3)],
    "user_staff_markus_demo": [(6, 0), (5, 0), (7, 0), (4, 0), (6, 0), (5, 0)],
}
STAFF_MAILS = [(6, 1), (5, 1), (4, 1), (7, 1), (5, 1), (6, 1)]
CUSTOMER_MAILS = [
    "Ihre Uhr ist vom Service zurück und liegt zur Abholung bereit.",
    "Danke für Ihren Besuch! Anbei die Fotos der beiden Ringe, die Ihnen gefallen "
    "haben.",
    "Das Ersatzband in Cognacbraun ist eingetroffen.",
    "Die Gravur ist fertig, wir freuen uns auf Sie.",
    "Wie versprochen: Die limitierte Edition ist da, wir halten ein Stück für Sie "
    "zurück.",
]
COLLEAGUE_MAILS = [
    "Kannst du morgen Vormittag die Kassa übernehmen?",
    "Die Lieferung aus der Schweiz ist da, bitte heute noch einräumen.",
    "Dienstplan für die nächste Woche, bitte bis Freitag Bescheid geben.",
    "Die Gravur für Frau Hofer muss bis Donnerstag in die Werkstatt.",
    "Inventur am Samstag: Wer kann um 8 Uhr da sein?",
    "Bitte die Schaufensterdeko für den Muttertag vorbereiten.",
]
FIRST_NAMES = [
    "Anna", "Andrea", "Barbara", "Birgit", "Christa", "Doris", "Elfriede",
    "Elke", "Gertrude", "Hanna", "Heidi", "Irene", "Karin", "Laura", "Lisa",
    "Margit", "Martina", "Nicole", "Petra", "Sandra", "Silvia", "Stefanie",
    "Tanja", "Verena", "Alexander", "Bernhard", "Christoph", "David", "Dominik",
    "Erich", "Ernst", "Fabian", "Günther", "Harald", "Helmut", "Johannes",
    "Jürgen", "Klaus", "Manfred", "Matthias", "Norbert", "Patrick", "Rainer",
    "Reinhard", "Roland", "Sebastian", "Tobias", "Werner",
]  # fmt: skip
LAST_NAMES = [
    "Baumgartner", "Binder", "Ecker", "Fasching", "Friedl", "Gruber",
    "Hackl", "Hofmann", "Horvath", "Kaiser", "Karner", "Koch", "Kofler",
    "Maier", "Mayer", "Moser", "Müller", "Neubauer", "Ortner", "Pöll",
    "Reisinger", "Schneider", "Schmidt", "Steiner", "Strasser", "Unger",
    "Wagner", "Weiß", "Winter", "Wieser", "Zauner", "Zechner", "Pichler",
    "Lechner", "Brandstätter", "Haslinger", "Obermayr", "Rauch", "Sommer",
    "Url",
]  # fmt: skip
CROWD_CITIES = ["Wien"] * 5 + ["Graz"] * 4 + ["Linz", "Salzburg", "Klagenfurt"]


def _at_shop_time(day, hour, minute=0):
    """UTC datetime (naive, as Odoo stores it) of a Vienna wall-clock time."""
    local = SHOP_TZ.localize(datetime.combine(day, time(hour, minute)))
    return local.astimezone(pytz.utc).replace(tzinfo=None)


def _working_day(day):
    """The shops close on Sundays: move to the Saturday before."""
    return day - timedelta(days=1) if day.weekday() == 6 else day


def _ascii(text):
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, plain)
    return text.lower()


class CustomerCentricityDemo(models.AbstractModel):
    """Demo data of Uhren & Schmuck Lindner, a jeweller in Wien and Graz.

    The story is demo XML: the owner, the teams of both shops, forty named
    customers, campaigns and initiatives. These methods add what is routine
    or a crowd: purchase histories (the named customers' by profile, 120 more
    customers at random), a year of contacts, feedback, goals, employee
    surveys and e-mails. Everything is seeded: every install tells the same
    story relative to its day.
    """

    _name = "customer.centricity.demo"
    _description = "Customer Centricity Demo Data"

    def _user(self, xmlid):
        return self.env.ref(DEMO + xmlid)

    def _named_customers(self):
        """The named customers of the story, by internal reference."""
        partners = self.env["res.partner"].search([("ref", "in", list(PURCHASES))])
        return {partner.ref: partner for partner in partners}

    def _team_members(self):
        teams = self.env.ref(DEMO + "crm_team_wien_demo") | self.env.ref(
            DEMO + "crm_team_graz_demo"
        )
        return {team: team.member_ids for team in teams}

    # ------------------------------------------------------------------
    # purchases and values
    # ------------------------------------------------------------------
    @api.model
    def _create_purchase_history(self):
        """Three years of pre-Odoo sales, then a year of month-end recomputes."""
        today = fields.Date.context_today(self)
        crowd = self._create_crowd(today)
        vals_list = self._named_purchases(today) + self._crowd_purchases(crowd, today)
        self.env["customer.value.history"].create(vals_list)
        # a recompute at each of the last twelve month ends, then today: a
        # year of monthly activity and segments for churn and CLV movement
        Value = self.env["customer.value"]
        for months_back in range(12, 0, -1):
            month_end = today.replace(day=1) - relativedelta(months=months_back - 1)
            Value._recompute_company(self.env.company, month_end - timedelta(days=1))
        Value._recompute_company(self.env.company)

    def _history_vals(self, partner, day, amount):
        return {
            "partner_id": partner.id,
            "date": day,
            "amount": amount,
            "import_batch": "Demo: altes Kassensystem",
        }

    def _named_purchases(self, today):
        customers = self._named_customers()
        vals_list = []
        for ref, (first, last, every, basket) in PURCHASES.items():
            rng = random.Random(ref)
            days_ago = last
            while days_ago <= first:
                amount = round(basket * rng.uniform(0.6, 1.4), -1)
                vals_list.append(
                    self._history_vals(
                        customers[ref], today - timedelta(days=days_ago), amount
                    )
                )
                days_ago += max(1, round(every * rng.uniform(0.7, 1.3)))
        return vals_list

    def _create_crowd(self, today, count=120):
        """Customers K0041 onwards with Austrian names, at random."""
        rng = random.Random(7)
        members = self._team_members()
        wien, graz = (
            members[self.env.ref(DEMO + xmlid)]
            for xmlid in ("crm_team_wien_demo", "crm_team_graz_demo")
        )
        taken = {partner.name for partner in self._named_customers().values()}
        emails = set()
        vals_list = []
        for index in range(41, 41 + count):
            name = None
            while not name or name in taken:
                name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            taken.add(name)
            email = _ascii(name.replace(" ", "."))
            while email in emails:
                email += str(rng.randint(1, 9))
            emails.add(email)
            city = rng.choice(CROWD_CITIES)
            team = graz if city in ("Graz", "Klagenfurt") else wien
            vals_list.append(
                {
                    "name": name,
                    "ref": f"K{index:04d}",
                    "email": f"{email}@example.com",
                    "city": city,
                    "country_id": self.env.ref("base.at").id,
                    "lang": "de_DE",
                    "user_id": team[index % len(team)].id,
                }
            )
        crowd = self.env["res.partner"].create(vals_list)
        # some came because a customer recommended the shop
        recommenders = crowd | self.env["res.partner"].concat(
            *self._named_customers().values()
        )
        for partner in crowd:
            if rng.random() < 0.15:
                partner.referred_by_id = rng.choice(recommenders - partner)
        return crowd

    def _crowd_purchases(self, crowd, today, years=3):
        rng = random.Random(7)
        vals_list = []
        for partner in crowd:
            rate = rng.choice([0.5, 1, 2, 3, 4]) / 365  # purchases per day
            lifetime = rng.randint(60, 365 * years)
            # Gamma-Gamma spend: each customer has her own typical basket
            spend_rate = rng.gammavariate(4.0, 1 / 350)
            start = today - timedelta(days=rng.randint(30, 365 * years))
            day = 0
            while day <= lifetime and start + timedelta(days=day) <= today:
                amount = round(rng.gammavariate(6.0, 1 / spend_rate), 2)
                vals_list.append(
                    self._history_vals(partner, start + timedelta(days=day), amount)
                )
                day += max(1, int(rng.expovariate(rate)))
        return vals_list

    # ------------------------------------------------------------------
    # contact log
    # ------------------------------------------------------------------
    @api.model
    def _create_contacts(self):
        """A year of contacts with the named customers, at shop hours."""
        rng = random.Random(42)
        today = fields.Date.context_today(self)
        customers = self._named_customers()
        leaders = {
            "Wien": self._user("user_manager_anna_demo"),
            "Graz": self._user("user_manager_jonas_demo"),
        }
        vals_list = []
        for ref, (last, every) in CONTACTS.items():
            if last is None:
                continue
            customer = customers[ref]
            days_ago, turn = last, 0
            if ref in ("K0002", "K0004"):  # their last contact is in the XML
                days_ago, turn = last + every, 1
            while days_ago <= 365:
                # the account manager mostly, the shop's manager now and then
                user = customer.user_id if turn % 3 != 2 else leaders[customer.city]
                kind = rng.choice(CONTACT_KINDS)
                vals_list.append(
                    {
                        "partner_id": customer.id,
                        "user_id": user.id,
                        "kind": kind,
                        "date_start": _at_shop_time(
                            _working_day(today - timedelta(days=days_ago)),
                            16 if kind == "event" else rng.randint(9, 16),
                            0 if kind == "event" else rng.choice([0, 15, 30, 45]),
                        ),
                        "duration": DURATIONS[kind],
                        "customer_need": rng.choice(NEEDS),
                    }
                )
                if not every:
                    break
                days_ago += every
                turn += 1
        vals_list += self._customer_days(today, customers, rng)
        # the shop manager plans a visit to a slipping customer
        vals_list.append(
            {
                "partner_id": customers["K0011"].id,
                "user_id": leaders["Wien"].id,
                "kind": "visit",
                "state": "planned",
                "name": "Nachfragen, warum wir ihn nicht mehr sehen",
                "date_start": _at_shop_time(
                    _working_day(today + timedelta(days=6)), 10, 30
                ),
                "duration": 1.0,
            }
        )
        return self.env["customer.contact"].create(vals_list)

    @api.model
    def _date_campaign_reactions(self):
        """Reactions are logged as contacts now: move them to their day."""
        rng = random.Random(17)
        recipients = self.env["customer.outreach.recipient"].search(
            [("reaction_contact_id", "!=", False), ("reaction_date", "!=", False)]
        )
        for recipient in recipients:
            recipient.reaction_contact_id.date_start = _at_shop_time(
                _working_day(recipient.reaction_date),
                rng.randint(9, 16),
                rng.choice([0, 15, 30, 45]),
            )

    def _customer_days(self, today, customers, rng):
        """Whole days with customers: 9:00 to 17:00 at the customer's."""
        vals_list = []
        for xmlid, refs, every in CUSTOMER_DAYS:
            user = self._user(xmlid)
            for months_ago in range(1, 12):
                if months_ago % every:
                    continue
                day = today.replace(day=1) - relativedelta(months=months_ago)
                day = _working_day(day + timedelta(days=rng.randint(3, 24)))
                vals_list.append(
                    {
                        "partner_id": customers[
                            refs[months_ago // every % len(refs)]
                        ].id,
                        "user_id": user.id,
                        "kind": "customer_day",
                        "date_start": _at_shop_time(day, 9),
                        "duration": 8.0,
                        "customer_need": rng.choice(NEEDS),
                    }
                )
        return vals_list

    # ------------------------------------------------------------------
    # feedback, goals, surveys
    # ------------------------------------------------------------------
    @api.model
    def _create_feedback(self):
        """A year of answers: the named customers' by hand, the crowd's at random."""
        rng = random.Random(11)
        today = fields.Date.context_today(self)
        Feedback = self.env["customer.feedback"]
        aspects = Feedback._aspects()
        customers = self._named_customers()
        crowd = self.env["res.partner"].search(
            [("ref", "=like", "K0%"), ("ref", "not in", list(customers))]
        )
        answers = [
            (customers[ref], days_ago, nps, csat, ces, comment)
            for ref, days_ago, nps, csat, ces, comment in FEEDBACK
        ] + [
            (
                rng.choice(crowd),
                rng.randint(0, 365),
                min(10, max(0, round(rng.gauss(8, 2)))),
                rng.choice([3, 4, 4, 5, 5]),
                rng.randint(4, 7),
                False,
            )
            for _index in range(100)
        ]
        vals_list = []
        for partner, days_ago, nps, csat, ces, comment in answers:
            vals_list.append(
                {
                    "partner_id": partner.id,
                    "collected_by_id": partner.user_id.id,
                    "date": today - timedelta(days=days_ago),
                    "channel": rng.choice(["in_person", "phone", "link"]),
                    "nps_score": str(nps),
                    "csat_score": str(csat),
                    "ces_score": str(ces),
                    "comment": comment,
                    # customers see us less rosy than we do (the Bain gap)
                    "rating_ids": [
                        Command.create(
                            {
                                "question_id": aspect.id,
                                "score": rng.choice([2, 3, 3, 4, 4, 5]),
                            }
                        )
                        for aspect in aspects
                        if rng.random() < 0.7
                    ],
                }
            )
        return Feedback.with_context(mail_activity_quick_update=True).create(vals_list)

    @api.model
    def _create_goals(self):
        """Five quarters of customer goals for the managers and Melanie."""
        Goal = self.env["customer.kpi.goal"]
        today = fields.Date.context_today(self)
        people = [
            self._user(xmlid)
            for xmlid in (
                "user_manager_anna_demo",
                "user_manager_jonas_demo",
                "user_staff_melanie_demo",
            )
        ]
        vals_list = []
        for quarters_back in range(4, -1, -1):
            start = Goal._period_start(
                today - relativedelta(months=3 * quarters_back), "quarter"
            )
            for person in people:
                vals_list += [
                    {
                        "user_id": person.id,
                        "date_start": start,
                        "kpi": kpi,
                        "target": target,
                    }
                    for kpi, target in (
                        ("nps", 40),
                        ("customer_days", 3),
                        ("churn_rate", 10),
                    )
                ]
        return Goal.create(vals_list)

    @api.model
    def _create_surveys(self):
        """Both shops: a year of quarterly pulses and two self-images."""
        rng = random.Random(5)
        Survey = self.env["customer.employee.survey"]
        Question = self.env["customer.survey.question"]
        staff = self.env["res.users"].concat(*self._team_members().values())
        today = fields.Date.context_today(self)
        plans = [
            (
                "pillars",
                f"Fünf Säulen {quarter_of(today - relativedelta(months=months))}",
                months,
            )
            for months in (12, 9, 6, 3)
        ] + [
            ("self_image", "Selbstbild Frühjahr", 7),
            ("self_image", "Selbstbild Herbst", 1),
        ]
        for kind, name, months_ago in plans:
            end = today - relativedelta(months=months_ago)
            question_kind = "aspect" if kind == "self_image" else "pillar"
            survey = Survey.create(
                {
                    "name": name,
                    "kind": kind,
                    "date_start": end - timedelta(days=14),
                    "date_end": end,
                    "question_ids": [
                        Command.set(Question.search([("kind", "=", question_kind)]).ids)
                    ],
                }
            )
            survey.action_open()
            # employees rate themselves well; the pillars improve over the year
            lift = (12 - months_ago) / 12
            for user in staff.filtered(lambda u: rng.random() < 0.95):
                survey.with_user(user).action_submit_answers(
                    {
                        question.id: min(5, max(1, round(rng.gauss(3.4 + lift, 0.8))))
                        for question in survey.question_ids
                    }
                )
            survey.action_close()
        pulse = Survey.create(
            {"name": "Fünf Säulen aktuell", "kind": "pillars", "date_start": today}
        )
        pulse._onchange_kind()
        pulse.action_open()

    # ------------------------------------------------------------------
    # the mail test
    # ------------------------------------------------------------------
    @api.model
    def _create_mails(self):
        """Six months of messages: some to customers, more to colleagues."""
        rng = random.Random(13)
        today = fields.Date.context_today(self)
        comment = self.env.ref("mail.mt_comment")
        members = self._team_members()
        customers = self.env["res.partner"].search(
            [("ref", "in", list(PURCHASES)), ("user_id", "!=", False)]
        )
        plans = {self._user(xmlid): plan for xmlid, plan in MAILS.items()}
        vals_list = []
        for team, people in members.items():
            for person in people:
                mine = customers.filtered(
                    lambda c, person=person: c.user_id == person
                ) or customers.filtered(
                    lambda c, team=team: c.user_id in team.member_ids
                )
                for months_ago, (count, to_customers) in enumerate(
                    plans.get(person, STAFF_MAILS), start=1
                ):
                    first = today.replace(day=1) - relativedelta(months=months_ago)
                    for index in range(count):
                        day = _working_day(first + timedelta(days=rng.randint(1, 27)))
                        moment = _at_shop_time(
                            day, rng.randint(8, 17), rng.choice([0, 15, 30, 45])
                        )
                        if index < to_customers:
                            customer = rng.choice(mine)
                            record, recipients = customer, customer
                            body = rng.choice(CUSTOMER_MAILS)
                        else:
                            colleagues = people - person
                            record = team
                            recipients = (
                                colleagues[index % len(colleagues)]
                                | colleagues[(index * 3) % len(colleagues)]
                            ).partner_id
                            body = rng.choice(COLLEAGUE_MAILS)
                        vals_list.append(
                            {
                                "model": record._name,
                                "res_id": record.id,
                                "message_type": "comment",
                                "subtype_id": comment.id,
                                "author_id": person.partner_id.id,
                                "email_from": person.email_formatted,
                                "partner_ids": [Command.set(recipients.ids)],
                                "body": body,
                                "date": moment,
                            }
                        )
        return self.env["mail.message"].create(vals_list)
