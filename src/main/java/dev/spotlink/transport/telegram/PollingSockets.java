package dev.spotlink.transport.telegram;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;
import javax.net.SocketFactory;

/**
 * The poller's sockets, so that closing the transport can end a long poll in flight at once. Interrupting the
 * poller does not (a blocking socket read ignores interrupts) and cancelling the call makes TelegramBots log an
 * error; a closed socket fails the read, which the poller's interceptor turns into "no updates".
 */
final class PollingSockets extends SocketFactory {

    private final SocketFactory delegate = SocketFactory.getDefault();
    // guarded by this: a socket made while closeAll runs must not slip through
    private final Set<Socket> sockets = new HashSet<>();
    private boolean closed;

    /** Closes every socket made so far and refuses new ones (OkHttp would retry the poll on a new one). */
    synchronized void closeAll() {
        closed = true;
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all we want; a socket that fails to close is gone anyway
            }
        }
        sockets.clear();
    }

    @Override
    public Socket createSocket() throws IOException {
        return track(delegate.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return track(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return track(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return track(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return track(delegate.createSocket(address, port, localAddress, localPort));
    }

    private synchronized Socket track(Socket socket) throws IOException {
        if (closed) {
            socket.close();
            throw new IOException("Telegram transport closed");
        }
        sockets.removeIf(Socket::isClosed); // connections are few and long-lived: this keeps the set small
        sockets.add(socket);
        return socket;
    }
}
