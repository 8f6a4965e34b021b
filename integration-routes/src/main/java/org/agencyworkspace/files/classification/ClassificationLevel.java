package org.agencyworkspace.files.classification;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Period;
import java.util.Locale;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One classification level and how files at it are handled
 * ({@code workspace.classification.levels[n]}).
 *
 * @param code stable code, also the clearance level a reader needs ({@code secret})
 * @param nameZh the level as marked on documents ({@code 密})
 * @param nameEn the level in English ({@code Secret})
 * @param acceptedAtUpload whether files may be stored at this level at all; the national-secret
 *     levels are refused unless a certified mechanism exists
 * @param needToKnow whether reading also needs the file's named people or groups (national
 *     secrets: only the people handling the matter, 國家機密保護法 §14)
 * @param publicLinks whether a public link may exist
 * @param externalShares whether shares outside the agency (e-mail, federated) may exist
 * @param download whether a (watermarked) copy may be downloaded
 * @param print whether the editor and viewer may print
 * @param copy whether text may be copied out, or copies made at all (絕對機密 may not be copied)
 * @param stepUp whether reading needs a recent re-authentication
 * @param maxSecrecy the longest secrecy period a label may set; null for none
 */
public record ClassificationLevel(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,31}") String code,
        @NotBlank String nameZh,
        @NotBlank String nameEn,
        @DefaultValue("true") boolean acceptedAtUpload,
        @DefaultValue("false") boolean needToKnow,
        @DefaultValue("true") boolean publicLinks,
        @DefaultValue("true") boolean externalShares,
        @DefaultValue("true") boolean download,
        @DefaultValue("true") boolean print,
        @DefaultValue("true") boolean copy,
        @DefaultValue("false") boolean stepUp,
        Period maxSecrecy) {

    /** The marking on banners and watermarks: {@code 密 SECRET}. */
    public String marking() {
        return nameZh + " " + nameEn.toUpperCase(Locale.ROOT);
    }
}
