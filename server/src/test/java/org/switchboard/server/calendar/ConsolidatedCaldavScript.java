package org.switchboard.server.calendar;

/** A python-caldav session (Debian's python3-caldav) against a user's consolidated calendars. */
final class ConsolidatedCaldavScript {
    private ConsolidatedCaldavScript() {
    }

    /** Usage: python3 script BASE USER PASSWORD SUMMARY. Prints OK at the end; any failed check raises. */
    static final String TEXT = """
            import sys
            from datetime import datetime
            import caldav
            from caldav.lib import error

            base, user, password, summary = sys.argv[1:5]

            def check(cond, what):
                if not cond:
                    raise AssertionError(what)
                print("ok:", what)

            client = caldav.DAVClient(url=base + "/.well-known/caldav", username=user, password=password)
            principal = client.principal()
            calendars = {str(c.url).rstrip("/").split("/")[-1]: c for c in principal.calendars()}
            check("crm-next-actions" in calendars and "crm-closing" in calendars and "crm-calls" in calendars,
                  "consolidated calendars discovered: %s" % sorted(calendars))
            actions = calendars["crm-next-actions"]

            found = actions.date_search(start=datetime(2026, 12, 7), end=datetime(2026, 12, 14), expand=False)
            check(len(found) == 1 and summary in found[0].data, "the next action found in its week")
            check(len(actions.date_search(start=datetime(2026, 12, 11), end=datetime(2026, 12, 14), expand=False)) == 0,
                  "nothing after it")

            sync = actions.objects_by_sync_token(load_objects=True)
            check(sync.sync_token is not None and len(list(sync)) == 1, "initial sync: one object")
            again = actions.objects_by_sync_token(sync_token=sync.sync_token, load_objects=False)
            check(len(list(again)) == 0, "sync again: nothing changed")

            try:
                actions.save_event("BEGIN:VCALENDAR\\r\\nVERSION:2.0\\r\\nPRODID:-//t//EN\\r\\nBEGIN:VEVENT\\r\\nUID:intruder\\r\\n"
                                   "DTSTAMP:20250101T000000Z\\r\\nDTSTART:20261210T090000Z\\r\\nSUMMARY:x\\r\\nEND:VEVENT\\r\\nEND:VCALENDAR\\r\\n")
                refused = False
            except error.AuthorizationError:
                # python-caldav's name for a 403 answer
                refused = True
            check(refused, "a write is refused (403)")
            print("OK")
            """;
}
