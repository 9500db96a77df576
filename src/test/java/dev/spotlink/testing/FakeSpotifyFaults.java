package dev.spotlink.testing;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The queue of injected faults of {@link FakeSpotify}: each answers the next request whose path matches. */
final class FakeSpotifyFaults {

    /** Marks a fault that cuts the connection in the middle of the answer instead of answering. */
    static final FakeSpotifyResponse DROP = new FakeSpotifyResponse(-1, Map.of(), null);

    private record Fault(String pathPrefix, FakeSpotifyResponse response) {
    }

    private final List<Fault> faults = new ArrayList<>();

    synchronized void add(String pathPrefix, FakeSpotifyResponse response) {
        faults.add(new Fault(pathPrefix, response));
    }

    /** The first queued fault for this path, removed from the queue; null when none. */
    synchronized FakeSpotifyResponse take(String path) {
        for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
            Fault fault = it.next();
            if (path.startsWith(fault.pathPrefix())) {
                it.remove();
                return fault.response();
            }
        }
        return null;
    }

    synchronized int pending() {
        return faults.size();
    }
}
