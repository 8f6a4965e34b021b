package org.agencyworkspace.connector.office;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/** Discovery documents shaped as Collabora and ONLYOFFICE serve them, with test proof keys. */
final class DiscoveryXml {

    private DiscoveryXml() {
    }

    static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Collabora's shape: apps named by MIME type, edit/view per extension, a Capabilities app. */
    static String collabora(KeyPair current, KeyPair old) {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <wopi-discovery>
                  <net-zone name="external-http">
                    <app name="application/vnd.openxmlformats-officedocument.wordprocessingml.document">
                      <action default="true" ext="docx" name="edit" urlsrc="https://cool.example/browser/4a1b/cool.html?"/>
                    </app>
                    <app name="application/vnd.oasis.opendocument.text">
                      <action default="true" ext="odt" name="edit" urlsrc="https://cool.example/browser/4a1b/cool.html?"/>
                    </app>
                    <app name="application/pdf">
                      <action default="true" ext="pdf" name="view" urlsrc="https://cool.example/browser/4a1b/cool.html?"/>
                    </app>
                    <app name="Capabilities">
                      <action ext="" name="getinfo" urlsrc="https://cool.example/hosting/capabilities"/>
                    </app>
                  </net-zone>
                  %s
                </wopi-discovery>
                """.formatted(proofKey(current, old));
    }

    /** ONLYOFFICE's shape: product names, several actions per extension. */
    static String onlyOffice(KeyPair current) {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <wopi-discovery>
                  <net-zone name="external-http">
                    <app name="Word" favIconUrl="https://oo.example/web-apps/apps/documenteditor/main/resources/img/favicon.ico">
                      <action name="view" ext="docx" urlsrc="https://oo.example/hosting/wopi/word/view?&lt;ui=UI_LLCC&amp;&gt;"/>
                      <action name="edit" ext="docx" requires="locks,update" urlsrc="https://oo.example/hosting/wopi/word/edit?&lt;ui=UI_LLCC&amp;&gt;"/>
                    </app>
                    <app name="Excel" favIconUrl="https://oo.example/favicon.ico">
                      <action name="edit" ext="xlsx" requires="locks,update" urlsrc="https://oo.example/hosting/wopi/cell/edit?"/>
                    </app>
                  </net-zone>
                  %s
                </wopi-discovery>
                """.formatted(proofKey(current, null));
    }

    private static String proofKey(KeyPair current, KeyPair old) {
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
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getEncoder().encodeToString(bytes);
    }
}
