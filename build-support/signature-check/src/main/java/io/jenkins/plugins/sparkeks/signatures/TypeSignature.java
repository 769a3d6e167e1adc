package io.jenkins.plugins.sparkeks.signatures;

import java.util.List;

/**
 * The comparable shape of one type: its header, one line per supertype and one line per member. Lines are
 * normalised (names resolved to their qualified form, implicit modifiers spelled out, bodies and parameter names
 * dropped) so that two sources declaring the same API produce the same lines.
 */
public record TypeSignature(String name, List<String> lines) {
    public TypeSignature {
        lines = List.copyOf(lines);
    }
}
