package io.jobwerk.cli;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.http.client.EngineClient;
import picocli.CommandLine;

/** {@code --controller URI} of the client commands: an {@code http://} or {@code https://} URI. */
final class ControllerUriOption implements CommandLine.ITypeConverter<String> {

    @Override
    public String convert(String value) {
        String uri = value.strip();
        if (!uri.contains("://")) {
            throw new CommandLine.TypeConversionException(value + " is not an http:// or https:// URI"
                    + (uri.isEmpty() ? "" : "; did you mean http://" + uri + "?"));
        }
        Checked<String> checked = EngineClient.checkedApiUri(uri);
        if (checked.isFail()) {
            throw new CommandLine.TypeConversionException(checked.problemOption().orElseThrow().message());
        }
        return uri;
    }
}
