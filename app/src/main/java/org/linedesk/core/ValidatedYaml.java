package org.linedesk.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Reads a YAML file that process owners edit and checks it against a JSON Schema. Problems are
 * collected as "file: field: reason" lines so one start-up or reload reports all of them at once.
 */
public final class ValidatedYaml {

    private static final YAMLMapper YAML = new YAMLMapper();

    private ValidatedYaml() {
    }

    public static JsonSchema schema(String classpathResource) {
        try (InputStream in = ValidatedYaml.class.getResourceAsStream(classpathResource)) {
            if (in == null) {
                throw new IllegalStateException("missing schema " + classpathResource);
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A file process owners edit: {@code dir/name} when it exists (so it changes without a build), else the
     * copy packaged in the application at {@code classpathFolder/name}; null when neither exists.
     */
    public static InputStream openEditable(java.nio.file.Path dir, String classpathFolder, String name)
            throws IOException {
        java.nio.file.Path file = dir.resolve(name);
        return java.nio.file.Files.isRegularFile(file) ? java.nio.file.Files.newInputStream(file)
                : ValidatedYaml.class.getResourceAsStream("/" + classpathFolder + "/" + name);
    }

    /** The document when it parses and matches the schema; otherwise null, with the reasons added to {@code errors}. */
    public static JsonNode read(String file, InputStream in, JsonSchema schema, List<String> errors) throws IOException {
        JsonNode node;
        try (in) {
            node = YAML.readTree(in);
        } catch (IOException e) {
            errors.add(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
            return null;
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            errors.add(file + ": is empty");
            return null;
        }
        Set<ValidationMessage> problems = schema.validate(node);
        problems.stream().map(m -> file + ": " + m.getMessage()).sorted().forEach(errors::add);
        return problems.isEmpty() ? node : null;
    }
}
