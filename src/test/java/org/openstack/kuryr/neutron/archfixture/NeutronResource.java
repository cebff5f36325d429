package org.openstack.kuryr.neutron.archfixture;

/** Stands for a Neutron-layer type in ArchitectureTest's self-check. */
public record NeutronResource(String id) {}
