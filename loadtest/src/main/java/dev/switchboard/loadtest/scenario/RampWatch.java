package dev.switchboard.loadtest.scenario;

/** Told when each step of an ingress ramp starts and ends, e.g. to see what the receiver got meanwhile. */
interface RampWatch {
    /** Watches nothing. */
    RampWatch NONE = new RampWatch() {
        @Override
        public void stepStarts() {}

        @Override
        public void stepEnded(double offered) {}
    };

    /** A step begins (after the warm-up, before its first event). */
    void stepStarts();

    /** The step that began last has sent its events at {@code offered} per second and had them answered. */
    void stepEnded(double offered);
}
