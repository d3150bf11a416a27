package io.jobwerk.cockpit.inventory;

import java.util.Optional;

/**
 * Where a file or folder dragged in the inventory tree goes: into the folder it is dropped on, or
 * into the folder of the file it is dropped on; nowhere when that is the dragged folder itself or
 * inside it, or where it is already. (The move itself refuses a folder into itself too, with a message.)
 */
final class TreeDrop {
    private TreeDrop() {}

    static Optional<String> folder(String dragged, String targetPath, boolean targetIsFile) {
        String folder = targetIsFile ? Workspace.parent(targetPath) : targetPath;
        boolean intoItself = folder.equals(dragged) || folder.startsWith(dragged + "/");
        return intoItself || folder.equals(Workspace.parent(dragged)) ? Optional.empty() : Optional.of(folder);
    }
}
