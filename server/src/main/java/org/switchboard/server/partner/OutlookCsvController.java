package org.switchboard.server.partner;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.security.SwitchboardUser;

/** Partners to and from Outlook's contacts CSV (docs/connectors.md, "Outlook CSV"). */
@RestController
@RequestMapping("/api/v1/partners")
@Tag(name = "Partners")
class OutlookCsvController {
    /** Ten thousand contacts take about 3 MB. */
    static final int MAX_FILE_BYTES = 10 * 1024 * 1024;
    private static final int PAGE = 500;
    private final PartnerRepository partners;
    private final OutlookCsvImport imports;

    OutlookCsvController(PartnerRepository partners, OutlookCsvImport imports) {
        this.partners = partners;
        this.imports = imports;
    }

    @GetMapping("/export/outlook.csv")
    @Operation(summary = "Every partner (not archived) as Outlook's contacts CSV: 92 columns, UTF-8 with BOM, CRLF, every field quoted",
            description = "People with First/Last Name and Company; companies with Company only.")
    void export(HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"switchboard-contacts.csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        CSVPrinter printer = OutlookCsv.start(out);
        PartnerRepository.Filter all = new PartnerRepository.Filter(null, null, null, null, false);
        String afterName = null;
        Long afterId = null;
        while (true) {
            List<Partner> page = partners.list(all, afterName, afterId, PAGE);
            for (Partner p : page) {
                OutlookCsv.write(printer, OutlookContact.row(p));
            }
            if (page.size() < PAGE) {
                break;
            }
            afterName = page.get(page.size() - 1).name();
            afterId = page.get(page.size() - 1).id();
        }
        printer.flush();
    }

    @PostMapping(value = "/import/outlook", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import Outlook's contacts CSV (multipart form, part 'file')")
    OutlookCsvImport.Report importFile(@RequestPart("file") MultipartFile file, @AuthenticationPrincipal SwitchboardUser actor)
            throws IOException {
        try (InputStream in = file.getInputStream()) {
            return imports.importFile(actor, bounded(in));
        }
    }

    @PostMapping("/import/outlook")
    @Operation(summary = "Import Outlook's contacts CSV (the file as the body, e.g. text/csv)",
            description = "Row by row: CREATED, UPDATED (non-empty fields replace, addresses and categories are added) or SKIPPED with the "
                    + "reason; each row whole or not at all. A file that is not CSV, or has none of the columns First Name, Last Name, "
                    + "Company, E-mail Address, is refused (400) and nothing is imported. Administrators and sales managers.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    OutlookCsvImport.Report importBody(HttpServletRequest request, @AuthenticationPrincipal SwitchboardUser actor) throws IOException {
        return imports.importFile(actor, bounded(request.getInputStream()));
    }

    /** Read up to the limit before refusing, even when Content-Length says it is over: answering before reading breaks the client's upload. */
    private static byte[] bounded(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        if (bytes.length > MAX_FILE_BYTES) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "the file is larger than " + MAX_FILE_BYTES + " bytes: split it", null);
        }
        return bytes;
    }
}
