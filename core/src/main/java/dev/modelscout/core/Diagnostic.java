package dev.modelscout.core;

/** One line of {@code modelscout doctor}: a section, a name and the value read off the running system. */
public record Diagnostic(String section, String name, String value) {
}
