package org.switchboard.server.dav;

/** The python-caldav session the server test drives (Debian's python3-caldav, 0.11 and later). */
final class PythonCaldavScript {
    private PythonCaldavScript() {
    }

    /** Usage: python3 script BASE USER PASSWORD. Prints OK at the end; any failed check raises. */
    static final String TEXT = """
            import sys
            from datetime import datetime
            import caldav

            base, user, password = sys.argv[1:4]

            def event(uid, start, summary, rule=None):
                return ("BEGIN:VCALENDAR\\r\\nVERSION:2.0\\r\\nPRODID:-//python-caldav against Switchboard//EN\\r\\n"
                        "BEGIN:VEVENT\\r\\nUID:%s\\r\\nDTSTAMP:20250101T000000Z\\r\\nDTSTART:%s\\r\\nDURATION:PT1H\\r\\n%s"
                        "SUMMARY:%s\\r\\nEND:VEVENT\\r\\nEND:VCALENDAR\\r\\n") % (uid, start, ("RRULE:%s\\r\\n" % rule) if rule else "", summary)

            def check(cond, what):
                if not cond:
                    raise AssertionError(what)
                print("ok:", what)

            # discovery: the well-known URL at the server root, 301 to /dav/, then current-user-principal
            client = caldav.DAVClient(url=base + "/.well-known/caldav", username=user, password=password)
            principal = client.principal()
            check(str(principal.url).rstrip("/").endswith("/dav/" + user), "principal discovered: %s" % principal.url)
            calendars = {str(c.url).rstrip("/").split("/")[-2] + "/" + str(c.url).rstrip("/").split("/")[-1]: c for c in principal.calendars()}
            check(user + "/calendar" in calendars, "personal calendar listed: %s" % sorted(calendars))
            check("company/meetings" in calendars, "company calendar listed")
            cal = calendars[user + "/calendar"]

            weekly = cal.save_event(event("weekly-" + user, "20250106T080000Z", "Weekly sales meeting", "FREQ=WEEKLY;BYDAY=MO"))
            cal.save_event(event("single-" + user, "20261104T140000Z", "Customer visit"))

            found = cal.date_search(start=datetime(2026, 11, 2), end=datetime(2026, 11, 3), expand=False)
            check(len(found) == 1 and "Weekly sales meeting" in found[0].data, "weekly event that started in 2025 found in Nov 2026")
            check(len(cal.date_search(start=datetime(2026, 11, 1), end=datetime(2026, 11, 8), expand=False)) == 2, "both in the week")
            check(len(cal.date_search(start=datetime(2026, 11, 3), end=datetime(2026, 11, 4), expand=False)) == 0, "nothing on a Tuesday")

            sync = cal.objects_by_sync_token(load_objects=False)
            token = sync.sync_token
            check(token is not None and len(list(sync)) == 2, "initial sync: two objects")

            weekly.load()
            weekly.data = weekly.data.replace("Weekly sales meeting", "Weekly sales meeting (room 2)")
            weekly.save()
            check("room 2" in cal.event_by_uid("weekly-" + user).data, "edit stored")
            changes = cal.objects_by_sync_token(sync_token=token, load_objects=False)
            check(len(list(changes)) == 1 and changes.sync_token != token, "sync after one edit: one change, new token")

            weekly.delete()
            after = cal.objects_by_sync_token(sync_token=changes.sync_token, load_objects=False)
            check(len(list(after)) == 1, "sync after delete: one tombstone")
            check(len(cal.events()) == 1, "one event left")
            print("OK")
            """;
}
