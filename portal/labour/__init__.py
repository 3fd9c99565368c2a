"""The labour exchange outside workflows: published vacancies and explained matches, read from the read model."""
