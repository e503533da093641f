package org.switchboard.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class GroupCommitTest {

    @Test
    void manyConcurrentCallersEachGetTheirOwnResultAndShareCommits() throws Exception {
        List<Integer> groupSizes = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Integer> committed = new ConcurrentHashMap<>();
        try (GroupCommit<Integer, String> commits = new GroupCommit<>("test-commit", 64, 1024, group -> {
            groupSizes.add(group.size());
            sleep(5); // a commit takes time: the next callers queue up meanwhile
            group.forEach(p -> {
                committed.merge(p.item(), 1, Integer::sum);
                p.complete("ok " + p.item());
            });
        })) {
            ExecutorService sessions = Executors.newFixedThreadPool(16);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int item = i;
                answers.add(sessions.submit(() -> commits.submit(item, Duration.ofSeconds(30))));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("ok " + i);
            }
            sessions.shutdown();
        }
        assertThat(committed).hasSize(400).allSatisfy((item, times) -> assertThat(times).isEqualTo(1));
        assertThat(groupSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(400);
        assertThat(groupSizes.stream().mapToInt(Integer::intValue).max().orElse(0)).as("largest group").isGreaterThan(1);
        assertThat(groupSizes.size()).as("commits").isLessThan(400);
    }

    @Test
    void aFailedCommitFailsEveryCallerOfTheGroup() throws Exception {
        CountDownLatch firstHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Set<Integer> failedGroupMembers = ConcurrentHashMap.newKeySet();
        try (GroupCommit<Integer, String> commits = new GroupCommit<>("test-commit", 64, 1024, group -> {
            if (group.get(0).item() == 0) {
                firstHeld.countDown();
                await(release); // meanwhile the others queue up into one group
                group.get(0).complete("ok 0");
                return;
            }
            group.forEach(p -> failedGroupMembers.add(p.item()));
            throw new IllegalStateException("commit failed");
        })) {
            ExecutorService sessions = Executors.newFixedThreadPool(8);
            Future<String> first = sessions.submit(() -> commits.submit(0, Duration.ofSeconds(30)));
            firstHeld.await(10, TimeUnit.SECONDS);
            List<Future<String>> others = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                int item = i;
                others.add(sessions.submit(() -> commits.submit(item, Duration.ofSeconds(30))));
            }
            while (commits.waiting() < 5) {
                Thread.sleep(5);
            }
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("ok 0");
            for (Future<String> other : others) {
                assertThatThrownBy(() -> other.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .hasRootCauseMessage("commit failed");
            }
            sessions.shutdown();
        }
        assertThat(failedGroupMembers).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    }

    @Test
    void anItemTheCommitterLeftOpenFailsInsteadOfHanging() throws Exception {
        try (GroupCommit<Integer, String> commits = new GroupCommit<>("test-commit", 64, 1024, group -> {
        })) {
            assertThatThrownBy(() -> commits.submit(1, Duration.ofSeconds(10))).isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("not completed");
        }
    }

    @Test
    void afterCloseSubmitIsRefused() {
        GroupCommit<Integer, String> commits = new GroupCommit<>("test-commit", 64, 1024, group -> group.forEach(p -> p.complete("ok")));
        commits.close();
        assertThatThrownBy(() -> commits.submit(1, Duration.ofSeconds(1))).isInstanceOf(ExecutionException.class).hasMessageContaining("closed");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
