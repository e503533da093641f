package org.switchboard.mail.spi.memory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.switchboard.mail.spi.Alias;
import org.switchboard.mail.spi.MailDirectory;

/** A directory in memory, filled by the test. */
public class InMemoryMailDirectory implements MailDirectory {

    private final Map<String, Alias> aliases = new HashMap<>();
    private final Map<String, Alias> catchAlls = new HashMap<>();
    private final Map<String, Long> caseByMessageId = new HashMap<>();
    private final Map<String, String> outboundByMessageId = new HashMap<>();
    private final Map<String, String> partnerByAddress = new HashMap<>();
    private final Map<String, String> companyByDomain = new HashMap<>();
    private final Set<Long> cases = new HashSet<>();

    public synchronized InMemoryMailDirectory alias(String address, String target) {
        aliases.put(address.toLowerCase(Locale.ROOT), new Alias(address.toLowerCase(Locale.ROOT), target, false));
        return this;
    }

    public synchronized InMemoryMailDirectory catchAll(String domain, String target) {
        catchAlls.put(domain.toLowerCase(Locale.ROOT), new Alias("@" + domain.toLowerCase(Locale.ROOT), target, true));
        return this;
    }

    public synchronized InMemoryMailDirectory caseWithMessageId(long caseId, String messageId) {
        cases.add(caseId);
        caseByMessageId.put(messageId, caseId);
        return this;
    }

    public synchronized InMemoryMailDirectory existingCase(long caseId) {
        cases.add(caseId);
        return this;
    }

    public synchronized InMemoryMailDirectory outbound(String outboundId, String messageId) {
        outboundByMessageId.put(messageId, outboundId);
        return this;
    }

    public synchronized InMemoryMailDirectory partner(String address, String partnerId) {
        partnerByAddress.put(address.toLowerCase(Locale.ROOT), partnerId);
        return this;
    }

    /** Every alias links unknown senders at {@code domain} to {@code companyId}. */
    public synchronized InMemoryMailDirectory companyOfDomain(String domain, String companyId) {
        companyByDomain.put(domain.toLowerCase(Locale.ROOT), companyId);
        return this;
    }

    @Override
    public synchronized Optional<String> companyByDomain(String address, Alias alias) {
        return Optional.ofNullable(companyByDomain.get(address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT)));
    }

    @Override
    public synchronized Optional<Alias> alias(String address) {
        return Optional.ofNullable(aliases.get(address));
    }

    @Override
    public synchronized Optional<Alias> catchAll(String domain) {
        return Optional.ofNullable(catchAlls.get(domain));
    }

    @Override
    public synchronized Optional<Long> caseByMessageId(String messageId) {
        return Optional.ofNullable(caseByMessageId.get(messageId));
    }

    @Override
    public synchronized boolean caseExists(long caseId) {
        return cases.contains(caseId);
    }

    @Override
    public synchronized Optional<String> outboundByMessageId(String messageId) {
        return Optional.ofNullable(outboundByMessageId.get(messageId));
    }

    @Override
    public synchronized Optional<String> partnerByAddress(String address) {
        return Optional.ofNullable(partnerByAddress.get(address));
    }
}
