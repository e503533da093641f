package org.switchboard.server.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
public class HomePage {
    @GetMapping("/")
    public String home() {
        return "redirect:/opportunities/mine";
    }

    @GetMapping("/login")
    public String login() {
        return "login";
    }
}
