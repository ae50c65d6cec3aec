package io.staleguard.bench;

/** Placeholder until this part is written. */
final class StoreRoundTrips implements Part {

    @Override
    public Section run(Mode mode) {
        throw new UnsupportedOperationException("StoreRoundTrips is not written yet");
    }
}
