package org.agencyworkspace.platform.backup;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.agencyworkspace.platform.CommandLineStart;

/**
 * {@code backup DIR}, {@code restore DIR [--verify]} and {@code migrate-to-postgres} on the
 * command line ({@code bin/workspace backup|restore|migrate-to-postgres}), with the same settings as {@code run}: the workspace
 * may keep running during a backup; a restore goes onto a stopped workspace with an empty data
 * folder and an empty database.
 */
public final class BackupCommand {

    /** Exit status when the backup is damaged or the restore target is not empty. */
    public static final int REFUSED = 2;
    static final String MIGRATE = "migrate-to-postgres";

    private BackupCommand() {
    }

    public static boolean matches(String[] args) {
        return args.length >= 1 && (args[0].equals("backup") || args[0].equals("restore")
                || args[0].equals(MIGRATE));
    }

    /**
     * Runs the command.
     *
     * @return 0 done, {@value #REFUSED} refused (nothing written), 1 wrong usage or a failure
     */
    public static int run(String[] args, PrintStream out) {
        String action = args[0];
        if (action.equals(MIGRATE)) {
            return migrate(args, out);
        }
        List<String> options = new ArrayList<>(CommandLineStart.commandOptions(List.of(args).subList(1, args.length)));
        boolean verify = options.remove("--verify") && action.equals("restore");
        if (options.size() != 1 || options.get(0).startsWith("--")) {
            out.println("usage: backup DIR | restore DIR [--verify]");
            return 1;
        }
        Path dir = Path.of(options.get(0));
        WorkspaceBackup backup = new WorkspaceBackup(BackupSettings.read(args), out);
        try {
            if (action.equals("backup")) {
                BackupManifest manifest = backup.backup(dir);
                out.printf("backup written to %s: %s database, %d files, %d bytes (manifest.json, SHA256SUMS)%n",
                        dir.toAbsolutePath(), manifest.database(), manifest.entries().size(),
                        manifest.entries().stream().mapToLong(BackupManifest.Entry::size).sum());
                return 0;
            }
            List<String> problems = backup.restore(dir, verify);
            problems.forEach(problem -> out.println("refused: " + problem));
            if (!problems.isEmpty()) {
                out.println("nothing was restored");
                return REFUSED;
            }
            out.println(verify ? "the backup is intact and can be restored here"
                    : "restored; check it with: audit verify");
            return 0;
        } catch (IOException | RuntimeException e) {
            out.println(action + " failed: " + e.getMessage());
            return 1;
        }
    }

    private static int migrate(String[] args, PrintStream out) {
        List<String> unknown = CommandLineStart.commandOptions(List.of(args).subList(1, args.length));
        if (!unknown.isEmpty()) {
            out.println("usage: " + MIGRATE + " (with the PostgreSQL settings, e.g. --stack)");
            return 1;
        }
        try {
            List<String> problems = new PostgresMigration(BackupSettings.read(args), out).migrate();
            problems.forEach(problem -> out.println("refused: " + problem));
            if (!problems.isEmpty()) {
                out.println("nothing was migrated");
                return REFUSED;
            }
            out.println("the embedded database is unchanged; run the workspace on PostgreSQL now, "
                    + "and check it with: audit verify");
            return 0;
        } catch (java.sql.SQLException | RuntimeException e) {
            out.println(MIGRATE + " failed (nothing committed): " + e.getMessage());
            return 1;
        }
    }
}
