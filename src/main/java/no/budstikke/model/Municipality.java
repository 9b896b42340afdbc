package no.budstikke.model;

/** Reference data: where a municipality belongs. */
public record Municipality(String number, String name, String county, String policeDistrict, String udiRegion, String imdiRegion) {
}
