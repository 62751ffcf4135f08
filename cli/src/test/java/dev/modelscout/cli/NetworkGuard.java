package dev.modelscout.cli;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fails any network connection attempted in this JVM and records it: URL connections consult the
 * default {@link ProxySelector}, plain sockets go through the socket factory; both are replaced here.
 * Installed once per JVM (the socket factory can only be set once).
 */
final class NetworkGuard {

    static final List<String> ATTEMPTS = new CopyOnWriteArrayList<>();
    private static boolean installed;

    private NetworkGuard() {
    }

    @SuppressWarnings("deprecation")
    static synchronized void install() throws IOException {
        if (installed) {
            return;
        }
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                ATTEMPTS.add("URL " + uri);
                throw new IllegalStateException("network access attempted: " + uri);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                ATTEMPTS.add("connectFailed " + uri);
            }
        });
        Socket.setSocketImplFactory(() -> {
            ATTEMPTS.add("socket " + new Throwable().getStackTrace()[2]);
            throw new IllegalStateException("network access attempted: new socket");
        });
        installed = true;
    }

}
