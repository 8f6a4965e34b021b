package org.agencyworkspace.connector.office;

import java.security.KeyPair;
import org.agencyworkspace.testsupport.WopiDiscoveryXml;

/** Discovery documents shaped as Collabora and ONLYOFFICE serve them, with test proof keys. */
final class DiscoveryXml {

    private DiscoveryXml() {
    }

    static KeyPair rsaKeyPair() {
        return WopiDiscoveryXml.rsaKeyPair();
    }

    static String collabora(KeyPair current, KeyPair old) {
        return WopiDiscoveryXml.collabora("https://cool.example/browser/4a1b/cool.html?", current, old);
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
                """.formatted(WopiDiscoveryXml.proofKey(current, null));
    }
}
