package org.agencyworkspace.connector.einvoice;

/**
 * One QR code found in an image or on a PDF page.
 *
 * @param bytes what the code holds, as bytes (Big5 names survive)
 * @param page page number from 1 (1 for an image)
 * @param x centre x in the rendered image's pixels
 * @param y centre y
 * @param size distance between two finder patterns, in pixels
 */
public record DecodedCode(byte[] bytes, int page, float x, float y, float size) {
}
