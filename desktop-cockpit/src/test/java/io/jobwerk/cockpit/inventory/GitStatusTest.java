package io.jobwerk.cockpit.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a real git repository, made with the git command (the test needs git on the PATH, as the feature does). */
class GitStatusTest {

    @TempDir
    Path repo;

    @Test
    void eachFileHasItsStatusRelativeToTheWorkspaceInsideTheRepository() throws Exception {
        Path ws = Files.createDirectories(repo.resolve("inventory"));
        git("init", "-q");
        Files.writeString(ws.resolve("kept.lock.json"), "{\"limit\":1}");
        Files.writeString(ws.resolve("changed.lock.json"), "{\"limit\":1}");
        git("add", ".");
        git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "items");
        Files.writeString(ws.resolve("changed.lock.json"), "{\"limit\":2}");
        Files.createDirectories(ws.resolve("new"));
        Files.writeString(ws.resolve("new/fresh.lock.json"), "{\"limit\":1}");
        Files.writeString(ws.resolve("staged.lock.json"), "{\"limit\":1}");
        git("add", "inventory/staged.lock.json");
        Files.writeString(repo.resolve("outside.txt"), "not in the workspace");

        GitStatus.Snapshot status = GitStatus.read(ws);
        assertThat(status.repository()).isTrue();
        assertThat(status.of("kept.lock.json")).isEqualTo(GitStatus.FileStatus.CLEAN);
        assertThat(status.of("changed.lock.json")).isEqualTo(GitStatus.FileStatus.MODIFIED);
        assertThat(status.of("new/fresh.lock.json")).isEqualTo(GitStatus.FileStatus.UNTRACKED);
        assertThat(status.of("staged.lock.json")).isEqualTo(GitStatus.FileStatus.ADDED);
        assertThat(status.changed()).doesNotContainKey("outside.txt").doesNotContainKey("../outside.txt");
    }

    @Test
    void outsideARepositoryThereIsNoStatus() {
        GitStatus.Snapshot status = GitStatus.read(repo);
        assertThat(status.repository()).isFalse();
        assertThat(status.of("anything.json")).isEqualTo(GitStatus.FileStatus.CLEAN);
    }

    private void git(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }
}
