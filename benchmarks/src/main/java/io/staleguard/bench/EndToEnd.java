package io.staleguard.bench;

/** Placeholder until this part is written. */
final class EndToEnd implements Part {

    @Override
    public Section run(Mode mode) {
        throw new UnsupportedOperationException("EndToEnd is not written yet");
    }
}
