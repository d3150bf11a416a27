package io.jobwerk.cli;

import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.base.ProblemException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/**
 * {@code --data DIR} of a server: a directory, created with its parents when missing. A path that
 * is a file or lies below one is a usage error when parsed; a directory that cannot be created is
 * a {@link ProblemException} naming the option when the server starts ({@link #created}).
 */
final class DataOption implements CommandLine.ITypeConverter<Path> {

    @Override
    public Path convert(String value) {
        Path path;
        try {
            path = Path.of(value);
        } catch (InvalidPathException e) {
            throw new CommandLine.TypeConversionException(value + " is not a path: " + e.getReason());
        }
        Path absolute = path.toAbsolutePath();
        for (Path p = absolute; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new CommandLine.TypeConversionException(value + " is not a directory"
                            + (p.equals(absolute) ? "" : ": " + p + " is a file"));
                }
                break;
            }
        }
        return path;
    }

    /** {@code data}, created if missing; a {@code DataDirectory} problem naming {@code --data} when that fails. */
    static Path created(Path data) {
        try {
            return Files.createDirectories(data);
        } catch (IOException e) {
            throw new ProblemException(Problem.of("DataDirectory", "--data " + data + ": cannot create the directory: " + reason(e),
                    Map.of("path", data.toString())));
        }
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return String.valueOf(e.getMessage());
    }
}
