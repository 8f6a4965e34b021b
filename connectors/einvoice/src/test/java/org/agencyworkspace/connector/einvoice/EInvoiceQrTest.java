package org.agencyworkspace.connector.einvoice;

import static org.agencyworkspace.connector.einvoice.EInvoiceSamples.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EInvoiceQrTest {

    private static final LocalDate MARCH_15 = LocalDate.of(2024, 3, 15);

    @Test
    void readsTheFixedPartAndJoinsItemsOfBothCodes() {
        EInvoiceSamples.Sample sample = EInvoiceSamples.of("AB12345678", MARCH_15, 1000, 1050,
                "22099131", "1", List.of("咖啡:2:500"), List.of("餅乾:1:50"));

        EInvoice invoice = EInvoiceQr.parse(utf8(sample.left()), utf8(sample.right()));

        assertThat(sample.left()).startsWith("AB1234567811303155821000003e80000041a0000000022099131");
        assertThat(invoice.number()).isEqualTo("AB12345678");
        assertThat(invoice.issued()).isEqualTo(MARCH_15);
        assertThat(invoice.period().code()).isEqualTo("11304");
        assertThat(invoice.randomCode()).isEqualTo("5821");
        assertThat(invoice.untaxed()).isEqualByComparingTo("1000");
        assertThat(invoice.total()).isEqualByComparingTo("1050");
        assertThat(invoice.buyer()).isEqualTo(BusinessNumber.CONSUMER);
        assertThat(invoice.seller()).isEqualTo("22099131");
        assertThat(invoice.verification()).hasSize(24);
        assertThat(invoice.items()).containsExactly(
                new EInvoice.Item("咖啡", new BigDecimal("2"), new BigDecimal("500")),
                new EInvoice.Item("餅乾", new BigDecimal("1"), new BigDecimal("50")));
    }

    @Test
    void readsBig5AndBase64Names() {
        Charset big5 = Charset.forName("Big5");
        EInvoiceSamples.Sample big5Sample = EInvoiceSamples.of("CD00000001", MARCH_15, 0, 120,
                "22099131", "0", List.of("便當:1:120"), List.of());
        EInvoice fromBig5 = EInvoiceQr.parse(big5Sample.left().getBytes(big5), utf8(big5Sample.right()));

        String encodedName = Base64.getEncoder().encodeToString("影印紙".getBytes(StandardCharsets.UTF_8));
        EInvoiceSamples.Sample base64 = EInvoiceSamples.of("CD00000002", MARCH_15, 0, 300,
                "22099131", "2", List.of(), List.of(encodedName + ":3:100"));
        EInvoice fromBase64 = EInvoiceQr.parse(utf8(base64.left()), utf8(base64.right()));

        assertThat(fromBig5.items()).extracting(EInvoice.Item::name).containsExactly("便當");
        assertThat(fromBig5.untaxed()).as("00000000: tax not split out").isNull();
        assertThat(fromBase64.items()).extracting(EInvoice.Item::name).containsExactly("影印紙");
    }

    @Test
    void eachBadFieldIsNamed() {
        EInvoiceSamples.Sample good = EInvoiceSamples.of("AB12345678", MARCH_15, 1000, 1050,
                "22099131", "1", List.of("咖啡:2:500"), List.of("餅乾:1:50"));
        String left = good.left();

        assertThat(error(left.substring(0, 60), good.right())).contains("77");
        assertThat(error("ab" + left.substring(2), good.right())).contains("invoice number");
        assertThat(error(left.substring(0, 10) + "1131315" + left.substring(17), good.right()))
                .contains("calendar date");
        assertThat(error(left.substring(0, 21) + "zzzzzzzz" + left.substring(29), good.right()))
                .contains("untaxed amount");
        assertThat(error(left.substring(0, 45) + "12345678" + left.substring(53), good.right()))
                .contains("seller 12345678 is not a valid 統一編號");
        assertThat(error(left.substring(0, 37) + "12345678" + left.substring(45), good.right()))
                .contains("buyer");
        assertThat(error(left, null)).contains("right code is needed");
        assertThat(error(left, "*x")).contains("**");
        assertThat(error(left.replace(":1:咖啡", ":7:咖啡"), good.right())).contains("0 (Big5)");
        assertThat(error(left, "**:餅乾:1")).contains("cut off");
        assertThat(error(left, "**:餅乾:1:60")).contains("add up to 1060");
        assertThat(error(left.substring(0, 29) + "00000000" + left.substring(37), good.right()))
                .contains("total 0");
    }

    @Test
    void twoMonthPeriodsAndInvoiceNumbers() {
        assertThat(InvoicePeriod.of(LocalDate.of(2024, 1, 31)).code()).isEqualTo("11302");
        assertThat(InvoicePeriod.of(LocalDate.of(2024, 12, 1)).code()).isEqualTo("11312");
        assertThat(InvoicePeriod.parse("11304").contains(MARCH_15)).isTrue();
        assertThat(InvoicePeriod.parse("11306").contains(MARCH_15)).isFalse();
        assertThatThrownBy(() -> InvoicePeriod.parse("11303")).hasMessageContaining("two-month");
        assertThat(InvoicePeriod.isInvoiceNumber("AB12345678")).isTrue();
        assertThat(InvoicePeriod.isInvoiceNumber("AB1234567")).isFalse();
        assertThat(InvoicePeriod.isInvoiceNumber("Ab12345678")).isFalse();
    }

    @Test
    void businessNumbersFollowThe2023Rule() {
        assertThat(BusinessNumber.isValid("22099131")).isTrue();
        assertThat(BusinessNumber.isValid("10000004")).as("valid only with divisor 5").isTrue();
        assertThat(BusinessNumber.isValid("10000470")).as("seventh digit 7, S + 1").isTrue();
        assertThat(BusinessNumber.isValid("12345678")).isFalse();
        assertThat(BusinessNumber.isValid("1234567")).isFalse();
        assertThat(BusinessNumber.isValid("1234567a")).isFalse();
        assertThat(BusinessNumber.isValid(null)).isFalse();
    }

    /** Every 8-digit number of a seeded sample: the new rule accepts exactly what a reference count says. */
    @Test
    void businessNumberRuleAgreesWithAnIndependentReading() {
        Random random = new Random(20231);
        for (int n = 0; n < 200_000; n++) {
            String number = String.format("%08d", random.nextInt(100_000_000));
            int sum = 0;
            int[] weights = {1, 2, 1, 2, 1, 2, 4, 1};
            for (int i = 0; i < 8; i++) {
                String product = Integer.toString((number.charAt(i) - '0') * weights[i]);
                for (char digit : product.toCharArray()) {
                    sum += digit - '0';
                }
            }
            boolean expected = sum % 5 == 0 || number.charAt(6) == '7' && (sum + 1) % 5 == 0;
            boolean oldRule = sum % 10 == 0 || number.charAt(6) == '7' && (sum + 1) % 10 == 0;
            assertThat(BusinessNumber.isValid(number)).as(number).isEqualTo(expected);
            if (oldRule) {
                assertThat(BusinessNumber.isValid(number)).as("superset of the old rule: " + number).isTrue();
            }
        }
    }

    /**
     * Seeded mutations of valid code pairs: every mutated input either parses to an invoice whose
     * fields are all well-formed, or is refused with {@link EInvoiceFormatException}; nothing else
     * escapes.
     */
    @Test
    void mutatedCodesAreReadOrRefusedNeverCrash() {
        Random random = new Random(17);
        int refused = 0;
        for (int n = 0; n < 20_000; n++) {
            EInvoiceSamples.Sample sample = EInvoiceSamples.sample(random);
            byte[] left = mutate(utf8(sample.left()), random);
            byte[] right = random.nextInt(5) == 0 ? null : mutate(utf8(sample.right()), random);
            try {
                EInvoice invoice = EInvoiceQr.parse(left, right);
                assertThat(InvoicePeriod.isInvoiceNumber(invoice.number())).isTrue();
                assertThat(BusinessNumber.isValid(invoice.seller())).isTrue();
                assertThat(invoice.total().signum()).isPositive();
                assertThat(invoice.items()).hasSize(invoice.itemsInCodes());
            } catch (EInvoiceFormatException e) {
                refused++;
                assertThat(e.getMessage()).isNotBlank();
            }
        }
        assertThat(refused).as("mutations are mostly caught").isGreaterThan(10_000);
    }

    private static byte[] mutate(byte[] bytes, Random random) {
        byte[] out = bytes.clone();
        switch (random.nextInt(4)) {
            case 0 -> out[random.nextInt(out.length)] = (byte) random.nextInt(256);
            case 1 -> out = java.util.Arrays.copyOf(out, random.nextInt(out.length + 1));
            case 2 -> {
                int at = random.nextInt(out.length);
                out[at] = (byte) "0123456789abcdefABCDEF:*=+/ ".charAt(random.nextInt(28));
            }
            default -> {
                // unchanged: valid input must parse
            }
        }
        return out;
    }

    private static String error(String left, String right) {
        try {
            EInvoiceQr.parse(utf8(left), right == null ? null : utf8(right));
        } catch (EInvoiceFormatException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + left + " / " + right);
    }
}
