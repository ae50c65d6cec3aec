package io.staleguard.bench;

import java.util.ArrayList;
import java.util.List;

/** A part's findings: a heading, a sentence on what and how, its tables, its targets and any notes. */
final class Section {

    final String title;
    final String method;
    final List<Table> tables = new ArrayList<>();
    final List<Target> targets = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    Section(String title, String method) {
        this.title = title;
        this.method = method;
    }

    Section table(Table table) {
        tables.add(table);
        return this;
    }

    Section target(Target target) {
        targets.add(target);
        return this;
    }

    Section note(String note) {
        notes.add(note);
        return this;
    }

    String toMarkdown() {
        StringBuilder b = new StringBuilder("## ").append(title).append("\n\n").append(method).append("\n\n");
        for (Table t : tables) {
            b.append(t.toMarkdown()).append('\n');
        }
        if (!targets.isEmpty()) {
            Table t = new Table("Target", "Goal", "Measured", "Met");
            for (Target target : targets) {
                t.row(target.what(), target.goal(), target.measured(), target.met() ? "yes" : "**no**");
            }
            b.append(t.toMarkdown()).append('\n');
        }
        for (String note : notes) {
            b.append(note).append("\n\n");
        }
        return b.toString();
    }
}
