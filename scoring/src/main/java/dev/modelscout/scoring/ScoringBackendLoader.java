package dev.modelscout.scoring;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader ND4J is given ({@code ND4JClassLoading.setNd4jClassloader}) so that it finds one back end
 * only: it delegates everything to its parent, except that the service files ({@code META-INF/services/...}) of
 * the hidden back end's jar are left out. ND4J's {@code Nd4jBackend.load()} lists back ends with a
 * {@code ServiceLoader} over that class loader and takes the available one of highest priority; the priorities
 * come only from the environment variables {@code BACKEND_PRIORITY_CPU} / {@code BACKEND_PRIORITY_GPU}, read
 * once in a static initialiser, and no system property selects a back end (read from the bytecode of
 * nd4j-api 1.0.0-M2.1), so a running program cannot choose by priority. Hiding the other back end's services
 * (the back end itself and its compressors) is what leaves ND4J one choice.
 */
final class ScoringBackendLoader extends ClassLoader {

    private static final String SERVICES = "META-INF/services/";

    /** Where the hidden back end's classes come from: {@code jar:file:/.../nd4j-cuda-11.6-1.0.0-M2.1.jar!/}. */
    private final String hiddenRoot;

    private ScoringBackendLoader(ClassLoader parent, String hiddenRoot) {
        super("modelscout-nd4j", parent);
        this.hiddenRoot = hiddenRoot;
    }

    /**
     * A loader over {@code parent} that hides the jar (or folder) holding {@code backendClass}, e.g.
     * {@code org/nd4j/linalg/jcublas/JCublasBackend.class}; {@code parent} itself when that class is absent.
     */
    static ClassLoader hiding(ClassLoader parent, String backendClass) {
        URL at = parent.getResource(backendClass);
        if (at == null) {
            return parent;
        }
        String s = at.toString();
        return new ScoringBackendLoader(parent, s.substring(0, s.length() - backendClass.length()));
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        Enumeration<URL> all = super.getResources(name);
        if (!name.startsWith(SERVICES)) {
            return all;
        }
        List<URL> kept = new ArrayList<>();
        while (all.hasMoreElements()) {
            URL u = all.nextElement();
            if (!u.toString().startsWith(hiddenRoot)) {
                kept.add(u);
            }
        }
        return Collections.enumeration(kept);
    }

    @Override
    public URL getResource(String name) {
        if (name.startsWith(SERVICES)) {
            try {
                Enumeration<URL> e = getResources(name);
                return e.hasMoreElements() ? e.nextElement() : null;
            } catch (IOException e) {
                return null;
            }
        }
        return super.getResource(name);
    }
}
