package org.linedesk.channel.email;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls every configured IMAP mailbox for unseen messages. Each message is processed in its own
 * transaction (by a few workers in parallel) and flagged \Seen only after its ticket committed: a
 * crash in between means it is read again, and the Message-ID check makes that harmless. A mailbox
 * that cannot be reached is retried with back-off (up to 5 minutes) and shown DOWN in health.
 */
@Component
class MailboxPoller {

    private static final Logger log = LoggerFactory.getLogger(MailboxPoller.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final InboundSettings settings;
    private final InboundMailProcessor processor;
    private final Clock clock;
    /** One lane per worker; a sender's messages always take the same lane, so they land in the order they came. */
    private final List<ExecutorService> lanes;
    private final Map<String, MailboxState> states = new ConcurrentHashMap<>();

    MailboxPoller(InboundSettings settings, InboundMailProcessor processor, Clock clock) {
        this.settings = settings;
        this.processor = processor;
        this.clock = clock;
        this.lanes = java.util.stream.IntStream.range(0, Math.max(1, settings.workers()))
                .mapToObj(i -> Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "mail-intake-" + i);
                    t.setDaemon(true);
                    return t;
                })).toList();
        settings.mailboxes().forEach(m -> states.put(m.name(), MailboxState.initial()));
    }

    @PreDestroy
    void stop() {
        lanes.forEach(ExecutorService::shutdown);
    }

    @Scheduled(fixedDelayString = "${linedesk.mail.inbound.interval:PT10S}")
    void scheduledPoll() {
        pollAll();
    }

    /** One round over all mailboxes (those in back-off wait); returns what became of the messages. */
    public Map<InboundMailProcessor.Result, Integer> pollAll() {
        Map<InboundMailProcessor.Result, Integer> total = new EnumMap<>(InboundMailProcessor.Result.class);
        for (InboundSettings.Mailbox mailbox : settings.mailboxes()) {
            MailboxState state = states.get(mailbox.name());
            if (!mailbox.enabled() || clock.instant().isBefore(state.nextAttempt())) {
                continue;
            }
            try {
                int taken;
                do { // a full batch means more is waiting: go on without waiting for the next round
                    Map<InboundMailProcessor.Result, Integer> batch = poll(mailbox);
                    batch.forEach((r, n) -> total.merge(r, n, Integer::sum));
                    taken = batch.values().stream().mapToInt(Integer::intValue).sum();
                } while (taken >= settings.batchSize());
                states.put(mailbox.name(), state.succeeded(clock.instant()));
            } catch (MessagingException | RuntimeException e) {
                MailboxState failed = state.failed(clock.instant(), e, settings.interval());
                states.put(mailbox.name(), failed);
                log.warn("Mailbox {} ({}:{}) could not be read (failure {} in a row, next try at {}): {}",
                        mailbox.name(), mailbox.host(), mailbox.port(), failed.consecutiveFailures(),
                        failed.nextAttempt(), e.toString());
            }
        }
        return total;
    }

    Map<String, MailboxState> states() {
        return Map.copyOf(states);
    }

    private Map<InboundMailProcessor.Result, Integer> poll(InboundSettings.Mailbox mailbox) throws MessagingException {
        Map<InboundMailProcessor.Result, Integer> counts = new EnumMap<>(InboundMailProcessor.Result.class);
        Properties props = new Properties();
        String protocol = mailbox.protocol();
        props.setProperty("mail." + protocol + ".peek", "true"); // reading does not set \Seen; we do, after commit
        props.setProperty("mail." + protocol + ".connectiontimeout", "10000");
        props.setProperty("mail." + protocol + ".timeout", "60000");
        props.setProperty("mail." + protocol + ".partialfetch", "false");
        Store store = Session.getInstance(props).getStore(protocol);
        store.connect(mailbox.host(), mailbox.port(), mailbox.username(), mailbox.password());
        try {
            Folder folder = store.getFolder(mailbox.folder());
            folder.open(Folder.READ_WRITE);
            boolean expunge = false;
            try {
                long started = System.nanoTime();
                Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                Message[] batch = Arrays.copyOf(unseen, Math.min(unseen.length, settings.batchSize()));
                if (folder instanceof org.eclipse.angus.mail.imap.IMAPFolder) {
                    // whole messages in one FETCH instead of a round trip per message
                    FetchProfile whole = new FetchProfile();
                    whole.add(org.eclipse.angus.mail.imap.IMAPFolder.FetchProfileItem.MESSAGE);
                    folder.fetch(batch, whole);
                }
                List<Future<InboundMailProcessor.Result>> results = new ArrayList<>();
                for (Message message : batch) {
                    byte[] raw = rawSource(message);
                    results.add(lane(message).submit(() -> processor.process(mailbox, raw)));
                }
                List<Message> done = new ArrayList<>();
                for (int i = 0; i < batch.length; i++) {
                    try {
                        counts.merge(results.get(i).get(), 1, Integer::sum);
                        done.add(batch[i]);
                    } catch (ExecutionException e) {
                        // the database refused even the quarantine: leave the message unseen for the next round
                        log.error("Message {} of mailbox {} left for the next round", batch[i].getMessageNumber(),
                                mailbox.name(), e.getCause());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                if (batch.length > 0) {
                    log.info("Mailbox {}: {} of {} unseen messages taken in {} ms: {}", mailbox.name(),
                            batch.length, unseen.length, (System.nanoTime() - started) / 1_000_000, counts);
                }
                if (!done.isEmpty()) {
                    Message[] handled = done.toArray(Message[]::new);
                    folder.setFlags(handled, new Flags(Flags.Flag.SEEN), true);
                    if (mailbox.deleteAfterImport()) {
                        folder.setFlags(handled, new Flags(Flags.Flag.DELETED), true);
                        expunge = true;
                    }
                }
            } finally {
                folder.close(expunge);
            }
        } finally {
            store.close();
        }
        return counts;
    }

    private ExecutorService lane(Message message) {
        String sender = "";
        try {
            jakarta.mail.Address[] from = message.getFrom();
            sender = from == null || from.length == 0 ? "" : from[0].toString().toLowerCase(java.util.Locale.ROOT);
        } catch (MessagingException | RuntimeException e) {
            // unreadable From: any lane will do, the processor quarantines or salvages it
        }
        return lanes.get(Math.floorMod(sender.hashCode(), lanes.size()));
    }

    private static byte[] rawSource(Message message) throws MessagingException {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            message.writeTo(out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new MessagingException("cannot fetch message " + message.getMessageNumber(), e);
        }
    }

    /** Health of one mailbox: when it was last read, and the failures since. */
    record MailboxState(Instant lastSuccess, Instant lastFailure, int consecutiveFailures, String lastError,
                        Instant nextAttempt) {

        static MailboxState initial() {
            return new MailboxState(null, null, 0, null, Instant.MIN);
        }

        MailboxState succeeded(Instant now) {
            return new MailboxState(now, lastFailure, 0, null, Instant.MIN);
        }

        MailboxState failed(Instant now, Exception e, Duration interval) {
            int failures = consecutiveFailures + 1;
            Duration wait = interval.multipliedBy(1L << Math.min(10, failures - 1));
            wait = wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
            return new MailboxState(lastSuccess, now, failures, e.toString(), now.plus(wait));
        }
    }
}
