package no.budstikke.model;

import java.util.Set;

/** What an office covers. An office serves a municipality when any of these sets matches it. */
public record Serves(
        boolean national,
        Set<String> municipalities,
        Set<String> counties,
        Set<String> policeDistricts,
        Set<String> udiRegions,
        Set<String> imdiRegions,
        Set<String> centres) {

    public boolean covers(Municipality m) {
        return national
                || municipalities.contains(m.number())
                || counties.contains(m.county())
                || policeDistricts.contains(m.policeDistrict())
                || udiRegions.contains(m.udiRegion())
                || imdiRegions.contains(m.imdiRegion());
    }
}
