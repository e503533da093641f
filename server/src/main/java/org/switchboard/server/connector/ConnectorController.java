package org.switchboard.server.connector;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.mail.parse.MessageIds;
import org.switchboard.mail.parse.MessageParser;
import org.switchboard.mail.parse.ParseLimits;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.api.JsonFields;
import org.switchboard.server.mail.CaseMessages;
import org.switchboard.server.mail.MailSettings;
import org.switchboard.server.opportunity.CaseType;
import org.switchboard.server.opportunity.Opportunity;
import org.switchboard.server.opportunity.OpportunityLists;
import org.switchboard.server.opportunity.OpportunityService;
import org.switchboard.server.partner.Partner;
import org.switchboard.server.security.SwitchboardUser;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one API of the Thunderbird and Outlook add-ins (docs/connectors.md): who the people of a message
 * are, a case made of a message, a message logged on a case, the case a thread is on, a contact for an
 * unknown sender, and the exchange of a login code for a token.
 */
@RestController
@RequestMapping("/api/connector")
@Tag(name = "Connector (mail add-ins)")
class ConnectorController {
    static final String MESSAGE = "message/rfc822";
    private static final int MAX_THREAD_IDS = 100;
    private final PeopleLookup people;
    private final MessageLogging logging;
    private final ConnectorContacts contacts;
    private final ConnectorLogin login;
    private final CaseMessages messages;
    private final OpportunityService cases;
    private final OpportunityLists lists;
    private final JsonMapper json;
    private final MessageParser parser;
    private final long maxMessageSize;

    ConnectorController(PeopleLookup people, MessageLogging logging, ConnectorContacts contacts, ConnectorLogin login, CaseMessages messages,
            OpportunityService cases, OpportunityLists lists, JsonMapper json, MailSettings mail) {
        this.people = people;
        this.logging = logging;
        this.contacts = contacts;
        this.login = login;
        this.messages = messages;
        this.cases = cases;
        this.lists = lists;
        this.json = json;
        this.maxMessageSize = mail.maxMessageSize();
        ParseLimits d = ParseLimits.defaults();
        this.parser = new MessageParser(new ParseLimits(d.maxNestingDepth(), d.maxParts(), d.maxHeadersPerPart(), d.maxHeaderLength(),
                d.maxTotalHeaders(), maxMessageSize, d.maxAttachmentBytes(), d.maxHtmlChars(), d.maxTextChars(), d.htmlTimeBudget()),
                attachment -> "attachment:" + attachment.sha256());
    }

    /** Documentation only: a case made without a message. */
    @Schema(name = "ConnectorCaseInput")
    record CaseInput(@Schema(allowableValues = {"LEAD", "OPPORTUNITY"}) String type, String name, Long partnerId, String contactName,
            String email, String description, Long teamId) {
    }

    /** Documentation only: a new contact. */
    @Schema(name = "ConnectorContactInput")
    record ContactInput(String name, String email, String companyName) {
    }

    /** Documentation only: the token request. */
    @Schema(name = "ConnectorTokenRequest")
    record TokenRequest(String code, String verifier) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ThreadCase(@JsonProperty("case") CaseSummary linked) {
    }

    @GetMapping("/people")
    @Operation(summary = "The partner owning each address, and her open cases (her own and her company's)",
            description = "One element per address asked, in that order; partner is null for an unknown address.")
    List<PeopleLookup.Person> people(@RequestParam(name = "address", required = false) List<String> addresses,
            @AuthenticationPrincipal SwitchboardUser actor) {
        return people.lookup(actor, addresses);
    }

    @GetMapping("/cases")
    @Operation(summary = "Open cases matching a text (the case search), or without q my own open cases, newest first")
    List<CaseSummary> search(@RequestParam(required = false) String q, @RequestParam(defaultValue = "20") int limit,
            @AuthenticationPrincipal SwitchboardUser actor) {
        if (limit < 1 || limit > 100) {
            throw ApiException.invalid("limit", "limit must be from 1 to 100");
        }
        boolean text = q != null && !q.isBlank();
        OpportunityLists.Filters open = new OpportunityLists.Filters(null, null, true, null, null, text ? null : "me", null, null,
                text ? q : null, null, null);
        return lists.page(actor, "all", open, limit).items().stream().map(CaseSummary::of).toList();
    }

    @PostMapping("/cases")
    @Operation(summary = "Make a lead or opportunity of a message (message/rfc822: the raw .eml) or of fields (application/json)",
            description = "From a message: named after the subject, described by the text, for the partner owning the sender's address "
                    + "(else the sender on the lead); the message and its attachments go into the case's history. 201 with the case; "
                    + "200 with the case holding it and alreadyLogged=true when a message with that Message-ID is already logged. "
                    + "Another Content-Type is refused with 415.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = {
            @Content(mediaType = MESSAGE, schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "application/json", schema = @Schema(implementation = CaseInput.class))})
    ResponseEntity<JsonNode> createCase(@RequestParam(defaultValue = "lead") String type, @RequestParam(required = false) Long teamId,
            HttpServletRequest request, @AuthenticationPrincipal SwitchboardUser actor) throws IOException {
        CaseType caseType = caseType(type);
        if (is(request, MediaType.APPLICATION_JSON)) {
            JsonNode body = readJson(request);
            return caseResponse(logging.createCase(actor, body, caseType, teamId), false);
        }
        HandedInMessage message = read(request);
        MessageLogging.CaseForMessage result = logging.createCase(actor, message, caseType, teamId);
        return caseResponse(result.opportunity(), result.alreadyLogged());
    }

    @PostMapping("/cases/{id}/messages")
    @Operation(summary = "Log a message (the raw .eml) on a case",
            description = "201 with the new history entry; 200 with alreadyLogged=true when that Message-ID is already on the case.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = MESSAGE,
            schema = @Schema(type = "string", format = "binary")))
    ResponseEntity<JsonNode> logMessage(@PathVariable long id, HttpServletRequest request, @AuthenticationPrincipal SwitchboardUser actor)
            throws IOException {
        cases.get(id); // 404 before reading a body for nothing
        MessageLogging.LoggedMessage logged = logging.logOnCase(actor, id, read(request));
        ObjectNode body = logged.entry().map(e -> (ObjectNode) json.valueToTree(e)).orElseGet(json::createObjectNode);
        body.put("caseId", id);
        body.put("alreadyLogged", logged.alreadyLogged());
        if (logged.alreadyLogged()) {
            return ResponseEntity.ok(body);
        }
        return ResponseEntity.created(URI.create("/api/v1/opportunities/" + id + "/history")).body(body);
    }

    @GetMapping("/threads")
    @Operation(summary = "The case a thread is already on",
            description = "Pass the message's Message-ID, In-Reply-To and References ids (repeat messageId; angle brackets optional). "
                    + "Answers the case most recently linked to any of them, or case=null.")
    ThreadCase thread(@RequestParam(name = "messageId", required = false) List<String> messageIds) {
        Set<String> ids = new LinkedHashSet<>();
        for (String value : messageIds == null ? List.<String>of() : messageIds) {
            List<String> bracketed = MessageIds.all(value);
            if (!bracketed.isEmpty()) {
                ids.addAll(bracketed);
            } else {
                MessageIds.first(value).ifPresent(ids::add);
            }
        }
        if (ids.isEmpty()) {
            throw ApiException.invalid("messageId", "name at least one Message-ID");
        }
        if (ids.size() > MAX_THREAD_IDS) {
            throw ApiException.invalid("messageId", "at most " + MAX_THREAD_IDS + " Message-IDs");
        }
        return new ThreadCase(messages.caseOfThread(new ArrayList<>(ids)).map(cases::get).map(CaseSummary::of).orElse(null));
    }

    @PostMapping("/contacts")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A person for an unknown address, in the company of that name (found, else created)",
            description = "409 with partnerId when a partner already owns the address.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = ContactInput.class)))
    ResponseEntity<Partner> createContact(@RequestBody JsonNode body, @AuthenticationPrincipal SwitchboardUser actor) {
        Partner created = contacts.create(actor, body);
        return ResponseEntity.created(URI.create("/api/v1/partners/" + created.id())).body(created);
    }

    @PostMapping("/token")
    @Operation(summary = "Exchange the one-time code of /connect/authorize and the add-in's verifier for a connector token",
            description = "No authentication. 400 with error=invalid_grant when the code is unknown, used, expired or the verifier "
                    + "does not match; the code is spent either way.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = TokenRequest.class)))
    ConnectorLogin.Grant token(@RequestBody JsonNode body) {
        JsonFields fields = JsonFields.of(body, Set.of("code", "verifier"));
        String[] given = new String[2];
        fields.string("code", 200, v -> given[0] = v);
        fields.string("verifier", 200, v -> given[1] = v);
        return login.exchange(given[0], given[1]);
    }

    /**
     * The raw message of the request. The Content-Type is checked here rather than by the mapping, so that a
     * wrong one is answered as a problem like every other refusal (Spring's own 415 bypasses our problems).
     */
    private HandedInMessage read(HttpServletRequest request) throws IOException {
        if (!is(request, MediaType.valueOf(MESSAGE))) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send the message as Content-Type: " + MESSAGE
                    + (request.getRequestURI().endsWith("/cases") ? " (or fields as application/json)" : "") + ", not "
                    + request.getContentType(), null);
        }
        return HandedInMessage.read(request.getInputStream(), maxMessageSize, parser);
    }

    private JsonNode readJson(HttpServletRequest request) throws IOException {
        try {
            return json.readTree(request.getInputStream());
        } catch (JacksonException e) {
            throw ApiException.invalid("body", "malformed JSON: " + e.getOriginalMessage());
        }
    }

    private static boolean is(HttpServletRequest request, MediaType type) {
        try {
            return request.getContentType() != null && type.includes(MediaType.parseMediaType(request.getContentType()));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private ResponseEntity<JsonNode> caseResponse(Opportunity o, boolean alreadyLogged) {
        ObjectNode body = json.valueToTree(o);
        body.put("alreadyLogged", alreadyLogged);
        return alreadyLogged ? ResponseEntity.ok(body)
                : ResponseEntity.created(URI.create("/api/v1/opportunities/" + o.id())).body(body);
    }

    private static CaseType caseType(String type) {
        try {
            return CaseType.valueOf(type.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("type", "type must be lead or opportunity");
        }
    }
}
