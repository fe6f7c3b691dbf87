"""Reading a schedule out of plain language: "every weekday at 7am", "hourly", "mondays 9:30".

The result is the schedule dict of ``TriggerSpec.schedule`` / ``Entity(kind="schedule").value``:

* ``interval``: ``minutes`` | ``hours`` | ``days`` | ``weeks`` | ``months`` | ``cron``
* ``every``: int (every N units; omitted when 1)
* ``hour`` (0-23) and ``minute`` (0-59) when a time of day is given or implied ("every morning"
  -> 8, "nightly" -> 2)
* ``weekday``: int or list of ints, 0 = Sunday ... 6 = Saturday (n8n's Schedule Trigger
  numbering); ``weekdays_only``: True for Monday-Friday ("weekdays", "business days", "mon-fri")
* ``day_of_month`` (1-31), ``cron`` (the expression as written), ``timezone`` (IANA name or
  abbreviation as written)

Why rules and not a model: schedules are a small closed grammar where a wrong number (9 vs 21)
silently breaks the workflow; explicit patterns are predictable and testable.
"""

from __future__ import annotations

import re
from typing import Any

from engine.lexicon import (
    BARE_CLOCK,
    CLOCK_TIME,
    DAY_END_WORDS,
    DAY_HEADING,
    DAY_OF_MONTH,
    DAY_START_WORDS,
    EVERY_N_UNITS,
    EXAMPLE_BEFORE,
    HOUR_WORDS,
    LEADING_TIME,
    NAMED_WEEKDAYS,
    OF_THE_MONTH,
    ONCE_PER_UNIT,
    PART_OF_DAY_AFTER,
    PART_OF_DAY_BEFORE,
    PART_OF_DAY_HOURS,
    PART_OF_DAY_REACH,
    PART_OF_DAY_WORD,
    REPORT_AFTER_DAY,
    SAID_MERIDIEM,
    SCHEDULE_ADVERB,
    SCHEDULE_COUNT_WORDS,
    SCHEDULE_REFUSED,
    SCHEDULE_UNITS,
    SCHEDULED_AS_EVENT_BEFORE,
    SMALL_HOURS_END,
    TIME_OF_DAY,
    TIMES_COUNT_WORDS,
    TIMES_PER_UNIT,
    TIMEZONE,
    WEEKDAY_NAME,
    WEEKDAY_NUMBERS,
    WEEKDAYS_ONLY,
    WEEKENDS,
    WORDED_TIME,
    addresses_blanked,
)

#: Where a clause starts or ends around a bare clock time ("Numbers only: 7am send ...",
#: "Short message, 16:30.", "digest \u2014 6:45pm \u2014 ...").
_CLAUSE_EDGE_BEFORE = re.compile(r"(?:^|[:;,.!?(\u2013\u2014-])\s*$")
_CLAUSE_EDGE_AFTER = re.compile(r"\s*(?:$|[:;,.!?)\u2013\u2014-])")


def bare_clock(text: str) -> re.Match[str] | None:
    """A clock time standing on its own at a clause's edge ("Figures only: 9am post ...",
    "Plain list, 18:00."): when the request runs, daily. Not a value given as an example,
    nor a number inside other words ("the 7am flight from Berlin")."""
    for m in BARE_CLOCK.finditer(text):
        before = text[max(0, m.start() - 20) : m.start()]
        if EXAMPLE_BEFORE.search(before):
            continue
        if _CLAUSE_EDGE_BEFORE.search(before) or _CLAUSE_EDGE_AFTER.match(text, m.end()):
            return m
    return None


_CRON = re.compile(r"(?<![\w*/])((?:[\d*/,\-]+\s+){4}[\d*/,\-A-Za-z]+)(?![\w*/])")


def _number(word: str | None) -> int:
    if not word:
        return 1
    return int(word) if word.isdigit() else SCHEDULE_COUNT_WORDS.get(word.lower().split()[0], 1)


def _worded_time(m: re.Match[str]) -> tuple[int, int]:
    """(hour, minute) of a ``WORDED_TIME`` match."""
    said = (m.group(2) or m.group(3)).lower()
    hour = int(said) if said.isdigit() else HOUR_WORDS[said]
    minute = {"half past": 30, "quarter past": 15, "quarter to": 45}.get(
        (m.group(1) or "").lower(), 0
    )
    if (m.group(1) or "").lower() == "quarter to":
        hour -= 1
    if m.group(4) and hour < 12:
        hour += 12
    return hour % 24, minute


def _time_of_day(
    text: str, anchor: tuple[int, int] | None
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The first explicit time ("at 7am", "17:30", "9 o'clock", "at noon") in ``text``.

    A bare number counts only after "at" ("at 9") or with a colon/am/pm, so "every 5 minutes"
    or "top 10 stories" are not read as times.
    """
    worded = WORDED_TIME.search(text)
    numeric = _clock_time(text, anchor)
    if worded is not None and (numeric is None or worded.start() < numeric[1][0]):
        # "at half past eight", "quarter to nine", "at seven" - unless a clock time comes
        # first ("at 8am ... at one of our gyms": the second is no time at all)
        return _worded_time(worded), worded.span()
    return numeric


def _clock_time(
    text: str, anchor: tuple[int, int] | None
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The first time written in digits (see ``_time_of_day``)."""
    for m in TIME_OF_DAY.finditer(text):
        if m.group(4):
            return (PART_OF_DAY_HOURS[m.group(4).lower()], 0), m.span()
        hour, minute, suffix = int(m.group(1)), m.group(2), (m.group(3) or "").lower()
        has_at = m.group(0).lower().startswith(("at", "@"))
        if not (suffix or minute or has_at):
            continue
        if suffix.startswith("h") and not minute and not has_at:
            continue  # "24h" is a duration
        if anchor is not None and m.start() in range(anchor[0], anchor[1]):
            continue  # the "5" of "every 5 minutes"
        if suffix == "at night" and hour < SMALL_HOURS_END:
            pass  # "at 1 at night": the small hours
        elif (suffix.startswith("p") or suffix.endswith(("afternoon", "evening", "night"))) and (
            hour < 12
        ):
            hour += 12  # "5pm", "7 in the evening"
        elif suffix.startswith("a") and hour == 12:
            hour = 0
        mins = int(minute) if minute else 0
        if 0 <= hour <= 23 and 0 <= mins <= 59:
            return (hour, mins), m.span()
    return None


def schedule_refused(low: str, pos: int) -> bool:
    """The words right before a schedule at ``pos`` (of the lower-cased text) refuse it ("not
    once a day", "no need to wait for the morning run", "not on a timer"): the request wants
    the event, not a run at set times."""
    return SCHEDULE_REFUSED.search(low, max(0, pos - 40), pos) is not None


def parse_schedule(text: str) -> tuple[dict[str, Any], tuple[int, int]] | None:
    """The schedule a request describes and the (start, end) of the phrase; None if none.

    Read in order: the interval (a cron expression, "every N units", or an adverb such as
    "nightly"), the days (weekdays only, named days, weekends), the day of the month, the time
    of day and the time zone. Web addresses are not read (``addresses_blanked``)."""
    text = addresses_blanked(text)
    found, spans, anchor = _interval(text)
    if found.get("interval") != "cron":
        _days(text, found, spans)
    _day_of_month(text, found, spans)
    if not found:
        return None
    _time(text, found, spans, anchor)
    tz = TIMEZONE.search(text)
    if tz:
        found["timezone"] = tz.group(1)
    start = min(s for s, _ in spans)
    end = max(e for _, e in spans)
    if end - start > 80:  # far-apart pieces: report the first phrase only
        start, end = spans[0]
    return found, (start, end)


def _interval(text: str) -> tuple[dict[str, Any], list[tuple[int, int]], tuple[int, int] | None]:
    """(schedule so far, phrase spans, the "every N" phrase the time of day is read near)."""
    cron = _CRON.search(text)
    if cron and sum(c.isdigit() or c == "*" for c in cron.group(1)) >= 3 and "*" in cron.group(1):
        return {"interval": "cron", "cron": cron.group(1).strip()}, [cron.span(1)], None
    m = EVERY_N_UNITS.search(text)
    if m and (m.group(1) or "").lower().startswith(("half", "quarter")):  # "every half hour"
        minutes = 30 if m.group(1).lower().startswith("half") else 15
        return {"interval": "minutes", "every": minutes}, [m.span()], m.span()
    if m:
        found: dict[str, Any] = {"interval": SCHEDULE_UNITS[m.group(2).lower()]}
        every = _number(m.group(1))
        if every != 1:
            found["every"] = every
        return found, [m.span()], m.span()
    m = next((a for a in SCHEDULE_ADVERB.finditer(text) if not scheduled_as_event(text, a)), None)
    if m:
        return _adverb(m.group(1).lower()), [m.span()], None
    if DAY_OF_MONTH.search(text):
        return {}, [], None  # "first working day of the month at 9am": monthly, read below
    m = LEADING_TIME.match(text)
    if m:  # "At 9am: ...", "7:30 - ...": a time of day the request opens with runs daily
        return {"interval": "days"}, [m.span()], None
    m = CLOCK_TIME.search(text) or bare_clock(text)
    if m:  # "Morning digest: at 7:30 pull ...": a clock time said anywhere runs daily
        return {"interval": "days"}, [m.span()], None
    return {}, [], None


def scheduled_as_event(text: str, hit: re.Match[str]) -> bool:
    """The schedule word ``hit`` is "scheduled" said of a booking ("once a demo is scheduled",
    "new appointment scheduled": ``SCHEDULED_AS_EVENT_BEFORE``), not of the workflow. Why:
    read as a schedule, the booking app's event (Acuity's "appointment.scheduled") lost to a
    Schedule Trigger with no time."""
    if hit.group(0).lower() != "scheduled":
        return False
    return bool(SCHEDULED_AS_EVENT_BEFORE.search(text, max(0, hit.start() - 20), hit.start()))


def _adverb(word: str) -> dict[str, Any]:
    """ "hourly", "twice a day", "nightly", "every morning", "quarterly", "mornings" ... as an
    interval (and a time)."""
    word = ONCE_PER_UNIT.sub("once a ", re.sub(r"\s+", " ", word).replace("-", ""))
    if word in ("hourly", "on the hour", "once a hour"):
        return {"interval": "hours"}
    if word in ("weekly", "once a week"):
        return {"interval": "weeks"}
    if "week" in word and "end" in word:  # "an end-of-week report": Friday afternoon
        return {"interval": "weeks", "weekday": 5, "hour": 17, "minute": 0}
    if word in ("biweekly", "fortnightly", "every fortnight", "twice a month", "semimonthly"):
        return {"interval": "weeks", "every": 2}
    if word in ("monthly", "once a month"):
        return {"interval": "months"}
    if word.startswith(("monthend", "endofmonth", "endofthemonth", "month end", "end of")) and (
        "month" in word
    ):  # "a month-end summary": the last day of each month
        return {"interval": "months", "day_of_month": 31}
    if word == "quarterly" or word.endswith(" quarter"):
        return {"interval": "months", "every": 3}
    if word in ("yearly", "annually", "once a year"):
        return {"interval": "months", "every": 12}
    if word in ("on a schedule", "scheduled", "periodically", "regularly"):
        return {"interval": "days"}
    word = re.sub(r"^(\d) ?x ", r"\1 times ", word)  # "3x a day"
    times = TIMES_PER_UNIT.match(word)
    if times and times.group(1) != "once":
        return _times_per(times.group(1), times.group(2))
    return _daily(word)


#: Which weekdays "N times a week" runs on (Monday = 1): spread over the working week.
_WEEK_SPREAD = {2: [1, 4], 3: [1, 3, 5], 4: [1, 2, 4, 5]}


def _times_per(count_word: str, unit: str) -> dict[str, Any]:
    """ "three times a day" -> every 8 hours; "twice a week" -> Monday and Thursday; "twice an
    hour" -> every 30 minutes."""
    count = int(count_word) if count_word.isdigit() else TIMES_COUNT_WORDS.get(count_word, 2)
    if unit == "hour":
        return {"interval": "minutes", "every": max(1, 60 // max(count, 1))}
    if unit == "day":
        return {"interval": "hours", "every": max(1, 24 // max(count, 1))}
    if count in _WEEK_SPREAD:
        return {"interval": "weeks", "weekday": _WEEK_SPREAD[count]}
    return {"interval": "days", "weekdays_only": True} if count == 5 else {"interval": "days"}


def _daily(word: str) -> dict[str, Any]:
    """A daily schedule and the time its words imply ("nightly" 2:00, "mornings" 8:00, "end of
    day" 17:00, "around midnight" 0:00)."""
    found: dict[str, Any] = {"interval": "days"}
    words = [w[:-1] if w.endswith("s") and w[:-1] in PART_OF_DAY_HOURS else w for w in word.split()]
    part = next((w for w in reversed(words) if w in PART_OF_DAY_HOURS), words[-1])
    if word in ("nightly", "overnight") or word.endswith(" hours"):
        found.update(hour=2, minute=0)
    elif words[0] in ("nightly", "overnight"):  # "a nightly digest" runs at night's end
        found.update(hour=2, minute=0)
    elif DAY_START_WORDS.search(word):  # before work: the morning
        found.update(hour=8, minute=0)
    elif DAY_END_WORDS.search(word):
        found.update(hour=17, minute=0)
    elif part in PART_OF_DAY_HOURS:
        found.update(hour=PART_OF_DAY_HOURS[part], minute=0)
    return found


def _days(text: str, found: dict[str, Any], spans: list[tuple[int, int]]) -> None:
    """Weekdays only, named days ("Mondays and Thursdays") or weekends."""
    weekdays_only = WEEKDAYS_ONLY.search(text)
    if weekdays_only:
        found.setdefault("interval", "days")
        if found["interval"] in ("days", "weeks"):
            found["interval"] = "days"
            found["weekdays_only"] = True
        spans.append(weekdays_only.span())
        return
    days = _named_days(text)
    if days:
        weekdays, span = days
        if found.get("interval") in (None, "days", "weeks"):
            found["interval"] = "weeks"
            found["weekday"] = weekdays[0] if len(weekdays) == 1 else weekdays
            spans.append(span)
        return
    m = WEEKENDS.search(text)
    if m and found.get("interval") in (None, "days", "weeks"):
        found.update(interval="weeks", weekday=[6, 0])
        spans.append(m.span())


def _day_of_month(text: str, found: dict[str, Any], spans: list[tuple[int, int]]) -> None:
    """ "on the 1st", "on the last day of the month": a monthly schedule on that day."""
    dom = DAY_OF_MONTH.search(text)
    if not dom or found.get("interval") not in (None, "months"):
        return
    found["interval"] = "months"
    if dom.group(2):
        found["day_of_month"] = 1 if dom.group(2).lower() == "first" else 31
    else:
        day = int(dom.group(1) or dom.group(3))
        if 1 <= day <= 31:
            found["day_of_month"] = day
    spans.append(dom.span())


def _time(
    text: str, found: dict[str, Any], spans: list[tuple[int, int]], anchor: tuple[int, int] | None
) -> None:
    """The time of day of a daily/weekly/monthly schedule; the minute of an hourly one."""
    if found["interval"] in ("days", "weeks", "months"):
        tod = _time_of_day(text, anchor)
        if tod is not None:
            (hour, found["minute"]), where = tod
            found["hour"] = _meridiem_from_part_of_day(text, hour, where)
            if spans and abs(where[0] - spans[0][1]) <= 40:
                spans.append(where)
    elif found["interval"] == "hours":
        tod = _time_of_day(text, anchor)
        if tod is not None and tod[0][1]:
            found["minute"] = tod[0][1]


def _meridiem_from_part_of_day(text: str, hour: int, where: tuple[int, int]) -> int:
    """The hour of a clock time said without am/pm, read with the part of the day said next to it:
    "each night at 11" is 23:00 and "every evening at 7" 19:00, but "each night at 2" stays in
    the small hours and "every morning at 7" at 7:00. Why: a wrong half of the day silently runs
    the workflow twelve hours off. A 24-hour time ("23:15", "07:00") or a said meridiem wins."""
    said = text[where[0] : where[1]]
    if hour >= 12 or SAID_MERIDIEM.search(said) or re.search(r"\b0\d", said):
        return hour
    near = [
        (min(abs(m.start() - where[1]), abs(where[0] - m.end())), m.group(1).lower())
        for m in PART_OF_DAY_WORD.finditer(text)
    ]
    near = [(d, w) for d, w in near if d <= PART_OF_DAY_REACH]
    if not near:
        return hour
    part = min(near)[1]
    if part.startswith(("afternoon", "evening")):
        return hour + 12
    if part.startswith(("night", "tonight")):
        if hour == 12:
            return 0  # "each night at 12": midnight
        return hour + 12 if hour >= SMALL_HOURS_END else hour
    return hour


def _named_days(text: str) -> tuple[list[int], tuple[int, int]] | None:
    """Weekdays named in a schedule sense ("every monday", "on tue and thu", "mondays")."""
    for m in NAMED_WEEKDAYS.finditer(text):
        phrase = m.group(0)
        lowered = phrase.lower()
        names = re.findall(WEEKDAY_NAME, lowered)
        # A day named in passing ("the report from monday") is no schedule: need every/each/on,
        # a plural ("mondays") or a time right after ("monday 9am", "friday at 5").
        after = text[m.end() : m.end() + 12]
        strong = (
            lowered.startswith(("every", "each", "on "))
            or lowered.rstrip().endswith("s")
            and not lowered.rstrip().endswith("tues")
            or re.match(r"\s*(?:at\s+|@\s*)?\d", after) is not None
            or PART_OF_DAY_AFTER.match(after) is not None
            or PART_OF_DAY_BEFORE.search(text, max(0, m.start() - 16), m.start()) is not None
            or REPORT_AFTER_DAY.match(text, m.end()) is not None  # "a Friday report"
            # "First Monday of the month": a day of each month (run on that weekday)
            or OF_THE_MONTH.match(text, m.end()) is not None
            # "friday thing: ...", "Sunday: ...": a day heading the request
            or (not text[: m.start()].strip() and DAY_HEADING.match(text, m.end()) is not None)
        )
        if not strong:
            continue
        days = []
        for n in names:
            day = WEEKDAY_NUMBERS.get(n.rstrip("s"), WEEKDAY_NUMBERS.get(n))
            if day is not None and day not in days:
                days.append(day)
        if days:
            return days, m.span()
    return None
