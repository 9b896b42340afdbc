/**
 * The shapes of answers as the OpenAPI description at {@code /api/openapi.json} states them, named as
 * {@code responseModel} in {@code routes/api/api.camel.yaml}. The answers themselves are built by the
 * {@code *Http} beans; {@code OpenApiIT} checks real answers against these shapes.
 */
package no.budstikke.http.openapi;
