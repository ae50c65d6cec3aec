package io.staleguard.bench;

/** Placeholder until this part is written. */
final class StoreScaling implements Part {

    @Override
    public Section run(Mode mode) {
        throw new UnsupportedOperationException("StoreScaling is not written yet");
    }
}
