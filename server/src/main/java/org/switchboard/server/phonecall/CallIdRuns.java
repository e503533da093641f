package org.switchboard.server.phonecall;

import java.util.ArrayList;
import java.util.List;

/**
 * The ids of a batch's new calls, written compactly: the import takes them from the sequence in one block,
 * so they are mostly consecutive and "101-1100" stands for a thousand. Runs are comma-separated; a run of
 * one is the bare id. Order is kept: the n-th id is the call of the n-th accepted line.
 */
final class CallIdRuns {
    private CallIdRuns() {
    }

    static String encode(List<Long> ids) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < ids.size()) {
            long start = ids.get(i);
            int end = i;
            while (end + 1 < ids.size() && ids.get(end + 1) == ids.get(end) + 1) {
                end++;
            }
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(start);
            if (end > i) {
                out.append('-').append(ids.get(end));
            }
            i = end + 1;
        }
        return out.toString();
    }

    static List<Long> decode(String runs) {
        List<Long> ids = new ArrayList<>();
        if (runs.isEmpty()) {
            return ids;
        }
        for (String run : runs.split(",")) {
            int dash = run.indexOf('-');
            long first = Long.parseLong(dash < 0 ? run : run.substring(0, dash));
            long last = dash < 0 ? first : Long.parseLong(run.substring(dash + 1));
            for (long id = first; id <= last; id++) {
                ids.add(id);
            }
        }
        return ids;
    }
}
