package dev.spotlink.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.Platform;
import dev.spotlink.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MembershipCacheTest {

    private static final ChatUser ANN = new ChatUser(Platform.TELEGRAM, "1");
    private static final ChatUser BOB = new ChatUser(Platform.TELEGRAM, "2");
    private static final ChatUser CARL = new ChatUser(Platform.TELEGRAM, "3");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final Set<String> members = ConcurrentHashMap.newKeySet();
    private final AtomicInteger lookups = new AtomicInteger();

    private MembershipCache cache(Duration wait) {
        return new MembershipCache((chat, user) -> {
            lookups.incrementAndGet();
            if (user.equals("fail")) {
                throw new IllegalStateException("platform down");
            }
            return members.contains(chat + "/" + user);
        }, clock, Duration.ofMinutes(5), wait, 4, "test-members");
    }

    @Test
    void membersKeepTheCandidatesOrderAndAnswersAreRememberedForTheTtl() {
        members.add("g/3");
        members.add("g/1");
        try (MembershipCache cache = cache(Duration.ofSeconds(10))) {
            ChatMembers group = cache.forChat("g", BOB);
            assertEquals(List.of(CARL, BOB, ANN), List.copyOf(group.among(List.of(CARL, BOB, ANN))));
            assertEquals(2, lookups.get(), "the caller is a member without asking");

            members.remove("g/3");
            assertEquals(List.of(CARL, BOB, ANN), List.copyOf(group.among(List.of(CARL, BOB, ANN))));
            assertEquals(2, lookups.get(), "remembered");

            clock.advance(Duration.ofMinutes(5));
            assertEquals(List.of(ANN), List.copyOf(cache.forChat("g", ANN).among(List.of(CARL, BOB, ANN))),
                    "Carl left; Bob, only known as the earlier caller, is asked now and is no member");
            assertEquals(4, lookups.get(), "asked again after the ttl: Carl and Bob (the caller Ann is known)");
            assertEquals(Set.of(), cache.forChat("other", ANN).among(List.of(BOB, CARL)),
                    "another chat is asked on its own");
        }
    }

    @Test
    void aFailedLookupLeavesTheUserOutAndIsNotRemembered() {
        ChatUser failing = new ChatUser(Platform.TELEGRAM, "fail");
        try (MembershipCache cache = cache(Duration.ofSeconds(10))) {
            assertEquals(Set.of(ANN), cache.forChat("g", ANN).among(List.of(ANN, failing)));
            assertEquals(Set.of(ANN), cache.forChat("g", ANN).among(List.of(ANN, failing)));
            assertEquals(2, lookups.get());
        }
    }

    @Test
    void aLookupSlowerThanTheWaitLeavesTheUserOutAndFillsTheCacheLater() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        try (MembershipCache cache = new MembershipCache((chat, user) -> {
            calls.incrementAndGet();
            release.await();
            return true;
        }, clock, Duration.ofMinutes(5), Duration.ZERO, 2, "test-members")) {
            assertEquals(Set.of(ANN), cache.forChat("g", ANN).among(List.of(ANN, BOB)));
            release.countDown();
            Set<ChatUser> later;
            do {
                later = cache.forChat("g", ANN).among(List.of(ANN, BOB));
            } while (!later.contains(BOB));
            assertEquals(Set.of(ANN, BOB), later);
            assertEquals(1, calls.get(), "one lookup for Bob, shared by the runs that waited for it");
        }
    }
}
