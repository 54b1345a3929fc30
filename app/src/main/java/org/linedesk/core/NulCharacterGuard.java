package org.linedesk.core;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * PostgreSQL text cannot hold the character U+0000 (NUL): a JSON string carrying one ({@code "\u0000"})
 * would reach the database and fail there as a 500. Every string of a JSON request is checked as it is
 * read instead, so the API answers 400 naming the field ({@link ProblemDetailsAdvice}).
 */
@Configuration(proxyBeanMethods = false)
class NulCharacterGuard {

    static final String REASON = "contains the character U+0000 (NUL), which text cannot hold";

    @Bean
    Module nulCharacterGuardModule() {
        return new SimpleModule("nul-character-guard").addDeserializer(String.class, new NoNulStrings());
    }

    private static final class NoNulStrings extends StdScalarDeserializer<String> {

        NoNulStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && value.indexOf('\u0000') >= 0) {
                throw InvalidFormatException.from(parser, REASON, value, String.class);
            }
            return value;
        }
    }
}
