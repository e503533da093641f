package org.switchboard.server.partner;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;
import org.apache.commons.io.input.BOMInputStream;
import org.switchboard.server.api.ApiException;

/**
 * Outlook's "Comma Separated Values" contacts file: the 92 columns of its export, in its order, every field
 * quoted, CRLF line ends. Column names and order as Microsoft's "Create or edit .csv files to import into
 * Outlook" sample file and Outlook's export write them (checked against the field table at
 * https://www.spstechnical.com/outlook_contacts_schema.htm and files written by Outlook); see docs/connectors.md.
 * Reading is lenient: columns found by name in any order and case, missing ones empty, unknown ones ignored,
 * UTF-8 with or without BOM, else Windows-1252 (what Outlook writes on a Western-European Windows).
 */
final class OutlookCsv {
    static final List<String> COLUMNS = List.of(
            "Title", "First Name", "Middle Name", "Last Name", "Suffix", "Company", "Department", "Job Title", "Business Street",
            "Business Street 2", "Business Street 3", "Business City", "Business State", "Business Postal Code",
            "Business Country/Region", "Home Street", "Home Street 2", "Home Street 3", "Home City", "Home State", "Home Postal Code",
            "Home Country/Region", "Other Street", "Other Street 2", "Other Street 3", "Other City", "Other State",
            "Other Postal Code", "Other Country/Region", "Assistant's Phone", "Business Fax", "Business Phone", "Business Phone 2",
            "Callback", "Car Phone", "Company Main Phone", "Home Fax", "Home Phone", "Home Phone 2", "ISDN", "Mobile Phone",
            "Other Fax", "Other Phone", "Pager", "Primary Phone", "Radio Phone", "TTY/TDD Phone", "Telex", "Account", "Anniversary",
            "Assistant's Name", "Billing Information", "Birthday", "Business Address PO Box", "Categories", "Children",
            "Directory Server", "E-mail Address", "E-mail Type", "E-mail Display Name", "E-mail 2 Address", "E-mail 2 Type",
            "E-mail 2 Display Name", "E-mail 3 Address", "E-mail 3 Type", "E-mail 3 Display Name", "Gender", "Government ID Number",
            "Hobby", "Home Address PO Box", "Initials", "Internet Free Busy", "Keywords", "Language", "Location", "Manager's Name",
            "Mileage", "Notes", "Office Location", "Organizational ID Number", "Other Address PO Box", "Priority", "Private",
            "Profession", "Referred By", "Sensitivity", "Spouse", "User 1", "User 2", "User 3", "User 4", "Web Page");
    /** Columns that tell a contacts file from any other CSV: a file must have at least one. */
    private static final List<String> KEY_COLUMNS = List.of("First Name", "Last Name", "Company", "E-mail Address");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final CSVFormat WRITE = CSVFormat.DEFAULT.builder().setQuoteMode(QuoteMode.ALL).setRecordSeparator("\r\n").get();

    private OutlookCsv() {
    }

    /** A contact row, read by column name (case-insensitive); a missing column reads as blank. */
    record Row(long number, Map<String, String> values) {
        String get(String column) {
            String v = values.get(column.toLowerCase(Locale.ROOT));
            return v == null || v.isBlank() ? null : v.strip();
        }
    }

    /** A file as read: its rows, the charset it was in, the columns it had that we do not use. */
    record Contents(List<Row> rows, String charset, List<String> ignoredColumns) {
    }

    /** Reads the whole file first, so that a file that is no CSV at all is refused before any row is imported. */
    static Contents read(byte[] file) {
        String charset = "UTF-8";
        String text;
        try {
            byte[] content = BOMInputStream.builder().setInputStream(new ByteArrayInputStream(file)).get().readAllBytes();
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
            } catch (CharacterCodingException notUtf8) {
                charset = "windows-1252";
                text = new String(content, WINDOWS_1252);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<CSVRecord> records;
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get().parse(new StringReader(text))) {
            records = parser.getRecords();
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw ApiException.invalid("file", "not a valid CSV file: " + e.getMessage());
        }
        if (records.isEmpty()) {
            throw ApiException.invalid("file", "the file is empty: the first line must name the columns (First Name, Last Name, …)");
        }
        List<String> header = new ArrayList<>();
        records.get(0).forEach(name -> header.add(name.strip()));
        List<String> known = COLUMNS.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
        if (header.stream().noneMatch(h -> KEY_COLUMNS.stream().anyMatch(k -> k.equalsIgnoreCase(h)))) {
            throw ApiException.invalid("file", "not an Outlook contacts file: the first line names none of the columns "
                    + String.join(", ", KEY_COLUMNS) + " (it has: " + String.join(", ", header.subList(0, Math.min(header.size(), 10))) + ")");
        }
        List<String> ignored = header.stream().filter(h -> !h.isEmpty() && !known.contains(h.toLowerCase(Locale.ROOT))).toList();
        List<Row> rows = new ArrayList<>();
        for (CSVRecord r : records.subList(1, records.size())) {
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < header.size() && i < r.size(); i++) {
                values.putIfAbsent(header.get(i).toLowerCase(Locale.ROOT), r.get(i));
            }
            rows.add(new Row(r.getRecordNumber(), values));
        }
        return new Contents(rows, charset, ignored);
    }

    /** Starts a file: a UTF-8 BOM (so Outlook and Excel read accents right), then the header. */
    static CSVPrinter start(Writer out) throws IOException {
        out.write('\uFEFF');
        CSVPrinter printer = new CSVPrinter(out, WRITE);
        printer.printRecord(COLUMNS);
        return printer;
    }

    /** One row in column order; columns not named stay empty. */
    static void write(CSVPrinter printer, Map<String, String> values) throws IOException {
        List<String> row = new ArrayList<>(COLUMNS.size());
        for (String column : COLUMNS) {
            String v = values.get(column);
            row.add(v == null ? "" : v);
        }
        printer.printRecord(row);
    }
}
