package org.switchboard.server.phonecall;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;

/**
 * A call-list CSV read as a stream of rows: UTF-8 (a BOM is skipped; bytes that are not UTF-8 stop the
 * import with a clear error rather than turning names into garbage), comma or semicolon (whichever the
 * header line has more of: spreadsheets in many locales save with semicolons), quoted fields may hold
 * newlines. Columns are found by name, in any order and case, with a few common aliases.
 */
final class CallListFile implements AutoCloseable {
    /** Our column names and the header names accepted for them. */
    static final Map<String, List<String>> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("partner", List.of("partner", "company", "partner name", "company name"));
        COLUMNS.put("contact", List.of("contact", "contact name", "name"));
        COLUMNS.put("phone", List.of("phone", "telephone", "phone number", "mobile"));
        COLUMNS.put("email", List.of("email", "e-mail"));
        COLUMNS.put("opportunity", List.of("opportunity", "opportunity id"));
        COLUMNS.put("summary", List.of("summary", "subject"));
        COLUMNS.put("notes", List.of("notes", "note"));
        COLUMNS.put("priority", List.of("priority"));
        COLUMNS.put("due", List.of("due", "due date", "due at"));
        COLUMNS.put("operator", List.of("operator", "assigned operator", "assigned to"));
    }

    private final CountingStream counter;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final Map<String, Integer> index = new LinkedHashMap<>();

    /** Opens and checks the header; a missing required column is an {@link IllegalArgumentException} naming it. */
    CallListFile(InputStream raw) throws IOException {
        counter = new CountingStream(raw);
        InputStream noBom = BOMInputStream.builder().setInputStream(counter).get();
        BufferedReader reader = new BufferedReader(new InputStreamReader(noBom, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 64 * 1024);
        reader.mark(64 * 1024);
        String headerLine = reader.readLine();
        if (headerLine == null || headerLine.isBlank()) {
            throw new IllegalArgumentException("the file is empty: the first line must name the columns (partner, contact, phone, …)");
        }
        reader.reset();
        char delimiter = count(headerLine, ';') > count(headerLine, ',') ? ';' : ',';
        parser = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).setTrim(true).get().parse(reader);
        records = parser.iterator();
        List<String> header = new ArrayList<>();
        records.next().forEach(h -> header.add(h.trim().toLowerCase(Locale.ROOT)));
        COLUMNS.forEach((column, aliases) -> {
            for (String alias : aliases) {
                int at = header.indexOf(alias);
                if (at >= 0) {
                    index.put(column, at);
                    return;
                }
            }
        });
        List<String> missing = new ArrayList<>();
        if (!index.containsKey("phone")) {
            missing.add("phone");
        }
        if (!index.containsKey("partner") && !index.containsKey("contact")) {
            missing.add("partner or contact");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("missing required column(s): " + String.join(", ", missing) + "; the header has: "
                    + String.join(", ", header) + " (separator '" + delimiter + "')");
        }
    }

    /** The next row as column → value (blank values absent), or null at the end. */
    Map<String, String> next() {
        if (!records.hasNext()) {
            return null;
        }
        CSVRecord r = records.next();
        Map<String, String> row = new LinkedHashMap<>();
        index.forEach((column, at) -> {
            if (at < r.size() && !r.get(at).isBlank()) {
                row.put(column, r.get(at).strip());
            }
        });
        return row;
    }

    long bytesRead() {
        return counter.count;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            n += s.charAt(i) == c ? 1 : 0;
        }
        return n;
    }

    /** Counts the bytes the parser consumed, for the progress bar. */
    private static final class CountingStream extends FilterInputStream {
        volatile long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }
    }
}
