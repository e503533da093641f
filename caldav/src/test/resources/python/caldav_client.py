"""Drives the engine with Debian's python3-caldav (0.11): discovery from /.well-known/caldav, MKCALENDAR,
create, a date search that must find a weekly event that started before the range, edit, sync tokens, delete.
Usage: caldav_client.py BASE_URL USER PASSWORD. Prints OK on success; any failure raises."""
import sys
from datetime import datetime

import caldav

base, user, password = sys.argv[1:4]

WEEKLY = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//python-caldav test//EN
BEGIN:VEVENT
UID:py-weekly@example.com
DTSTAMP:20250101T000000Z
DTSTART:20250106T080000Z
DTEND:20250106T090000Z
RRULE:FREQ=WEEKLY;BYDAY=MO
SUMMARY:Weekly sales meeting
END:VEVENT
END:VCALENDAR
"""

SINGLE = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//python-caldav test//EN
BEGIN:VEVENT
UID:py-single@example.com
DTSTAMP:20250101T000000Z
DTSTART:20261104T140000Z
DTEND:20261104T150000Z
SUMMARY:Customer visit
END:VEVENT
END:VCALENDAR
"""


def check(cond, what):
    if not cond:
        raise AssertionError(what)
    print("ok:", what)


client = caldav.DAVClient(url=base + "/.well-known/caldav", username=user, password=password)
principal = client.principal()
check(str(principal.url).rstrip("/").endswith("/" + user), "principal discovered: %s" % principal.url)
cal = principal.make_calendar(name="From python", cal_id="python")
check(any(str(c.url).rstrip("/").endswith("/python") for c in principal.calendars()), "new calendar listed")

weekly = cal.save_event(WEEKLY)
cal.save_event(SINGLE)

found = cal.date_search(start=datetime(2026, 11, 2), end=datetime(2026, 11, 3), expand=False)
check(len(found) == 1 and "Weekly sales meeting" in found[0].data, "weekly event that started in 2025 found in Nov 2026")
found = cal.date_search(start=datetime(2026, 11, 1), end=datetime(2026, 11, 8), expand=False)
check(len(found) == 2, "both events in the week")
found = cal.date_search(start=datetime(2026, 11, 3), end=datetime(2026, 11, 4), expand=False)
check(len(found) == 0, "nothing on a Tuesday")

sync = cal.objects_by_sync_token(load_objects=False)
token = sync.sync_token
check(token is not None and len(list(sync)) == 2, "initial sync: two objects")

weekly.load()
weekly.data = weekly.data.replace("Weekly sales meeting", "Weekly sales meeting (moved room)")
weekly.save()
again = cal.event_by_uid("py-weekly@example.com")
check("moved room" in again.data, "edit stored")

changes = cal.objects_by_sync_token(sync_token=token, load_objects=False)
check(len(list(changes)) == 1, "sync after one edit: one change")

weekly.delete()
after = cal.objects_by_sync_token(sync_token=changes.sync_token, load_objects=False)
check(len(list(after)) == 1, "sync after delete: one tombstone")
check(len(cal.events()) == 1, "one event left")
print("OK")
