package io.jobwerk.cli;

import picocli.CommandLine;

/** {@code --port PORT} of a server: 0..65535, where 0 takes any free port. */
final class PortOption implements CommandLine.ITypeConverter<Integer> {

    @Override
    public Integer convert(String value) {
        return parse(value, 65535, "");
    }

    /**
     * {@code --port PORT} of {@code standalone} and {@code demo}, whose Agent listens on PORT+1:
     * 0..65534 (0: any free ports).
     */
    static final class WithAgentOnNext implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return parse(value, 65534, " (the Agent listens on PORT+1)");
        }
    }

    private static int parse(String value, int max, String why) {
        int port;
        try {
            port = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > max) {
            throw new CommandLine.TypeConversionException(value + " is not a port in 0.." + max + why + "; 0 takes a free one");
        }
        return port;
    }
}
