import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The third-party licences of the jars the distribution ships, for its licenses/ folder. Run by the package step
 * (cli/pom.xml) as a single-file program, with the runtime class path Maven resolved:
 *
 * <pre>java src/build/ThirdPartyLicenses.java LOCAL_REPOSITORY OUT CLASSPATH</pre>
 *
 * <p>Writes OUT/THIRD-PARTY.txt, one line per jar of CLASSPATH that lies in the local Maven repository:
 * group:artifact:version and the licences its pom declares (or, where it declares none, its nearest parent pom's),
 * and copies the licence and notice files each jar carries (LICENSE*, LICENCE*, NOTICE*, COPYING*, at its root or
 * in META-INF/) to OUT/ARTIFACT-VERSION/. Class path entries outside the repository (this project's own modules)
 * are left out. Exits 1 when a jar's pom cannot be read.
 */
public final class ThirdPartyLicenses {

    private static final Pattern LICENSE_FILE = Pattern.compile(
            "(?i)(META-INF/)?(LICEN[CS]E|NOTICE|COPYING)[^/]*");

    record Artifact(String group, String artifact, String version, Path jar) {
        String gav() {
            return group + ":" + artifact + ":" + version;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java ThirdPartyLicenses.java LOCAL_REPOSITORY OUT CLASSPATH");
            System.exit(2);
        }
        Path repo = Path.of(args[0]).toAbsolutePath().normalize();
        Path out = Path.of(args[1]);
        TreeMap<String, Artifact> jars = new TreeMap<>();
        for (String entry : args[2].split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath().normalize();
            if (!p.toString().endsWith(".jar") || !p.startsWith(repo)) {
                continue;
            }
            Artifact a = artifactOf(repo, p);
            jars.put(a.gav(), a);
        }
        Files.createDirectories(out);
        StringBuilder text = new StringBuilder();
        text.append("Third-party libraries shipped in lib/, with the licences their Maven poms declare (or, where a\n")
                .append("pom declares none, its parent's). The licence and notice files each jar carries are copied\n")
                .append("to ARTIFACT-VERSION/ beside this file.\n\n");
        int width = jars.keySet().stream().mapToInt(String::length).max().orElse(0);
        int undeclared = 0;
        for (Artifact a : jars.values()) {
            List<String> licenses = licenses(repo, a.group(), a.artifact(), a.version());
            if (licenses.isEmpty()) {
                undeclared++;
            }
            text.append(String.format(Locale.ROOT, "%-" + width + "s  %s%n", a.gav(),
                    licenses.isEmpty() ? "(no licence declared in its pom or its parents': see the jar)"
                            : String.join("; ", licenses)));
            copyLicenseFiles(a, out.resolve(a.artifact() + "-" + a.version()));
        }
        Files.writeString(out.resolve("THIRD-PARTY.txt"), text.toString());
        if (undeclared > 0) { // the build stays quiet (mvn -q) unless a jar needs a look
            System.err.println("third-party licences: " + undeclared + " of " + jars.size()
                    + " jars without a declared licence, in " + out.resolve("THIRD-PARTY.txt"));
        }
    }

    /** group, artifact and version from a jar's place in the repository: GROUP/PATH/ARTIFACT/VERSION/FILE.jar. */
    static Artifact artifactOf(Path repo, Path jar) {
        Path rel = repo.relativize(jar);
        int n = rel.getNameCount();
        if (n < 4) {
            throw new IllegalArgumentException(jar + ": not in the repository's GROUP/ARTIFACT/VERSION layout");
        }
        String version = rel.getName(n - 2).toString();
        String artifact = rel.getName(n - 3).toString();
        String group = rel.subpath(0, n - 3).toString().replace(java.io.File.separatorChar, '.');
        return new Artifact(group, artifact, version, jar);
    }

    /** The licences of a pom, or of its nearest parent that declares some: "Name <url>" each. */
    static List<String> licenses(Path repo, String group, String artifact, String version) throws Exception {
        for (int depth = 0; depth < 20 && group != null; depth++) {
            Path pom = repo.resolve(group.replace('.', '/')).resolve(artifact).resolve(version)
                    .resolve(artifact + "-" + version + ".pom");
            if (!Files.isRegularFile(pom)) {
                if (depth == 0) {
                    System.err.println("third-party licences: " + pom + " not found");
                    System.exit(1);
                }
                return List.of();
            }
            Element project = parse(pom).getDocumentElement();
            List<String> found = new ArrayList<>();
            Element licenses = child(project, "licenses");
            if (licenses != null) {
                for (Node n = licenses.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element l && l.getTagName().equals("license")) {
                        String name = text(child(l, "name"));
                        String url = text(child(l, "url"));
                        found.add((name.isEmpty() ? "(unnamed)" : name) + (url.isEmpty() ? "" : " <" + url + ">"));
                    }
                }
            }
            if (!found.isEmpty()) {
                return found;
            }
            Element parent = child(project, "parent");
            if (parent == null) {
                return List.of();
            }
            group = text(child(parent, "groupId"));
            artifact = text(child(parent, "artifactId"));
            version = text(child(parent, "version"));
        }
        return List.of();
    }

    private static void copyLicenseFiles(Artifact a, Path into) throws IOException {
        try (ZipFile zip = new ZipFile(a.jar().toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory() || !LICENSE_FILE.matcher(e.getName()).matches()) {
                    continue;
                }
                Files.createDirectories(into);
                try (InputStream in = zip.getInputStream(e)) {
                    Files.copy(in, into.resolve(e.getName().replace('/', '_')),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static Document parse(Path pom) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        f.setExpandEntityReferences(false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        try (InputStream in = Files.newInputStream(pom)) {
            return f.newDocumentBuilder().parse(in);
        }
    }

    private static Element child(Element parent, String tag) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element e) {
        return e == null ? "" : e.getTextContent().strip().replaceAll("\\s+", " ");
    }
}
