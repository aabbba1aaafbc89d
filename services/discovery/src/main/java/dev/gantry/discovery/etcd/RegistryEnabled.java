package dev.gantry.discovery.etcd;

import io.micronaut.context.annotation.Requires;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Beans that exist only when {@code GANTRY_ETCD_ENDPOINTS} names at least one endpoint. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Requires(property = "gantry.etcd.endpoints", pattern = ".*\\S.*")
@interface RegistryEnabled {}
