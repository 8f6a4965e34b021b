package org.agencyworkspace.testsupport;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * WOPI discovery documents shaped as the editors serve them (shared/specs/wopi.md §2, §9), with
 * proof keys made in the test: neither Collabora Online nor ONLYOFFICE runs here.
 */
public final class WopiDiscoveryXml {

    private WopiDiscoveryXml() {
    }

    /** A fresh 2048-bit RSA key pair, as an editor's proof key. */
    public static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Collabora's shape: one app per MIME type, {@code edit} for docx, odt and txt, {@code view}
     * for pdf, and the {@code Capabilities} app.
     *
     * @param current the proof key, or null for a Collabora without {@code proof_key}
     * @param old the old proof key, or null
     */
    public static String collabora(String urlsrc, KeyPair current, KeyPair old) {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <wopi-discovery>
                  <net-zone name="external-http">
                    <app name="application/vnd.openxmlformats-officedocument.wordprocessingml.document">
                      <action default="true" ext="docx" name="edit" urlsrc="%1$s"/>
                    </app>
                    <app name="application/vnd.oasis.opendocument.text">
                      <action default="true" ext="odt" name="edit" urlsrc="%1$s"/>
                    </app>
                    <app name="text/plain">
                      <action default="true" ext="txt" name="edit" urlsrc="%1$s"/>
                    </app>
                    <app name="application/pdf">
                      <action default="true" ext="pdf" name="view" urlsrc="%1$s"/>
                    </app>
                    <app name="Capabilities">
                      <action ext="" name="getinfo" urlsrc="https://cool.example/hosting/capabilities"/>
                    </app>
                  </net-zone>
                  %2$s
                </wopi-discovery>
                """.formatted(urlsrc, proofKey(current, old));
    }

    /** The {@code <proof-key>} element: modulus and exponent as big-endian Base64; empty without a key. */
    public static String proofKey(KeyPair current, KeyPair old) {
        if (current == null) {
            return "";
        }
        RSAPublicKey key = (RSAPublicKey) current.getPublic();
        String attributes = "modulus=\"" + b64(key.getModulus()) + "\" exponent=\"" + b64(key.getPublicExponent())
                + "\" value=\"BgIAAACkAABSU0ExAAgAAAEAAQ\"";
        if (old != null) {
            RSAPublicKey oldKey = (RSAPublicKey) old.getPublic();
            attributes += " oldmodulus=\"" + b64(oldKey.getModulus()) + "\" oldexponent=\""
                    + b64(oldKey.getPublicExponent()) + "\" oldvalue=\"BgIAAACkAABSU0ExAAgAAAEAAQ\"";
        }
        return "<proof-key " + attributes + "/>";
    }

    /** Big-endian, without the sign byte BigInteger adds, as .NET writes it. */
    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getEncoder().encodeToString(bytes);
    }
}
